/**
 * The model-driven front door: serves a Smithy service's operations from its model and
 * {@link io.emrys.api.protocol.OperationHandler}s by operation name, in the protocol its model declares.
 *
 * <p>Where to start: {@link io.emrys.api.protocol.RestJson1Service} (EMR Serverless) and
 * {@link io.emrys.api.protocol.AwsJson11Service} (the EMR API), the Armeria services, each built by a
 * {@link io.emrys.api.protocol.ServiceBuilder} from a model, a service shape, the service's
 * {@link io.emrys.api.protocol.ServiceErrors} and its handlers; and {@link io.emrys.api.protocol.SmithyModels}
 * (loads the bundled AWS models, unchanged). One request goes {@code ArmeriaAdapter} → {@code ProtocolDispatcher}:
 * the service's {@code ProtocolCodec} decodes it into operation and input, the protocol-neutral
 * {@code OperationPipeline} fills defaults, runs {@code ConstraintValidator} and calls the handler, and the codec
 * encodes the output or the error.
 *
 * <p>Three parts. Protocol-neutral: {@code OperationPipeline}, {@code DefaultValues}, {@code ConstraintValidator},
 * {@code OperationCall}/{@code OperationHandler}, {@code ServiceErrors} and {@code ErrorMapper}, the one place where
 * failures become errors (shape, status, members); these see only normalized documents. restJson1:
 * {@code RestJson1Codec} with {@code RestJsonRouter} (routes from {@code @http}), {@code RestJsonMediaTypes},
 * {@code HttpRequestDecoder}, {@code HttpResponseEncoder} and {@code RestJson1ErrorForm}. awsJson1_1:
 * {@code AwsJson11Codec} with {@link io.emrys.api.protocol.AmzTargetRouter} (routes from {@code X-Amz-Target}) and
 * {@code AwsJson11ErrorForm}. Both JSON protocols share the JSON document coders ({@code JsonDocumentDecoder},
 * {@code JsonDocumentEncoder}, told whether {@code @jsonName} applies) and {@code WireTimestamps}.
 *
 * <p>Layering: part of the {@code api} layer: may use Smithy's model and knowledge indexes, Jackson, Armeria (only in
 * the two services and {@code ArmeriaAdapter}), {@code api.auth} for the caller and {@code error}; never the resource
 * services, which its handlers (such as {@code api.serverless}) call (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.api.protocol;
