/**
 * EMR Serverless applications. Start at {@link io.emrys.application.ApplicationService}; the lifecycle is
 * {@link io.emrys.application.ApplicationState}, the user's settings {@link io.emrys.application.ApplicationConfiguration}.
 */
package io.emrys.application;
