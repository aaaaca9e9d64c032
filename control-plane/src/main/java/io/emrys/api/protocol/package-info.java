/**
 * The model-driven front door: serves a Smithy service's operations from its model and
 * {@link io.emrys.api.protocol.OperationHandler}s by operation name.
 *
 * <p>Where to start: {@link io.emrys.api.protocol.RestJson1Service} (the Armeria service, built from a model, a
 * service shape, the service's {@link io.emrys.api.protocol.ServiceErrors} and its handlers) and
 * {@link io.emrys.api.protocol.SmithyModels} (loads the bundled AWS models, unchanged). One request goes
 * {@code ProtocolDispatcher}: a {@code ProtocolCodec} decodes it into operation and input, the protocol-neutral
 * {@code OperationPipeline} fills defaults, runs {@code ConstraintValidator} and calls the handler, and the codec
 * encodes the output or the error.
 *
 * <p>Two halves. Protocol-neutral: {@code OperationPipeline}, {@code DefaultValues}, {@code ConstraintValidator},
 * {@code OperationCall}/{@code OperationHandler}, {@code ServiceErrors}; these see only normalized documents.
 * restJson1: {@code RestJson1Codec} with {@code RestJsonRouter} (routes from {@code @http}),
 * {@code RestJsonMediaTypes}, {@code HttpRequestDecoder}, {@code HttpResponseEncoder}, the JSON document
 * coders and {@code ErrorMapper}, the one place where failures become restJson1 errors. An awsJson1_1 codec
 * (the EMR API) plugs in beside it, routing with {@link io.emrys.api.protocol.AmzTargetRouter}.
 *
 * <p>What it may use: Smithy's model and knowledge indexes, Jackson, Armeria (only in {@code RestJson1Service}),
 * {@code io.emrys.api.auth} for the caller and {@code io.emrys.error}. It never calls resource services; handlers
 * (such as {@code io.emrys.api.serverless}) do.
 */
package io.emrys.api.protocol;
