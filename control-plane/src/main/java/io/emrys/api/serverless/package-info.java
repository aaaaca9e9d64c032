/**
 * The edge between the EMR Serverless wire model and the domain services. Start at
 * {@link io.emrys.api.serverless.ServerlessOperations}: one handler per modeled operation, converting validated
 * input documents to service calls and domain records to output documents. No HTTP here.
 * <p>Layering: part of the {@code api} layer: may use {@code api.protocol}, the resource services and their values; never a DAO of theirs (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.api.serverless;
