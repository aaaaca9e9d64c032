/**
 * EMR Serverless applications. Start at {@link io.emrys.application.ApplicationService}; the lifecycle is
 * {@link io.emrys.application.ApplicationState}, the user's settings {@link io.emrys.application.ApplicationConfiguration}.
 * <p>Layering: may use {@code store}, {@code error} and {@code common}; never another resource service (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.application;
