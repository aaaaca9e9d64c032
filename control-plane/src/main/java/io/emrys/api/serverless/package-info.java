/**
 * The edge between the EMR Serverless wire model and the domain services. Start at
 * {@link io.emrys.api.serverless.ServerlessOperations}: one handler per modeled operation, converting validated
 * input documents to service calls and domain records to output documents. No HTTP here.
 */
package io.emrys.api.serverless;
