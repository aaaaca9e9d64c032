/**
 * The model-driven front door: serves a Smithy service's operations from its model and
 * {@link io.emrys.api.protocol.OperationHandler}s by operation name, in the protocol its model declares.
 *
 * <p>Where to start: {@link io.emrys.api.protocol.RestJson1Service} (EMR Serverless),
 * {@link io.emrys.api.protocol.AwsJson11Service} (the EMR API) and {@link io.emrys.api.protocol.AwsQueryService}
 * (IAM, STS), the Armeria services, each built by a {@link io.emrys.api.protocol.ServiceBuilder} from a model, a
 * service shape, the service's {@link io.emrys.api.protocol.ServiceErrors} and its handlers; and
 * {@link io.emrys.api.protocol.SmithyModels} (loads the bundled AWS models, unchanged). One request goes
 * {@code ArmeriaAdapter} → {@code ProtocolDispatcher}: the service's {@code ProtocolCodec} decodes it into operation
 * and input, the protocol-neutral {@code OperationPipeline} fills defaults, runs {@code ConstraintValidator} and
 * calls the handler, and the codec encodes the output or the error.
 *
 * <p>Four parts. Protocol-neutral: {@code OperationPipeline}, {@code DefaultValues}, {@code ConstraintValidator},
 * {@code OperationCall}/{@code OperationHandler}, {@code ServiceErrors} and {@code ErrorMapper}, the one place where
 * failures become errors (shape, status, members); these see only normalized documents. restJson1:
 * {@code RestJson1Codec} with {@code RestJsonRouter} (routes from {@code @http}), {@code RestJsonMediaTypes},
 * {@code HttpRequestDecoder}, {@code HttpResponseEncoder} and {@code RestJson1ErrorForm}. awsJson1_1:
 * {@code AwsJson11Codec} with {@link io.emrys.api.protocol.AmzTargetRouter} (routes from {@code X-Amz-Target}) and
 * {@code AwsJson11ErrorForm}. Both JSON protocols share the JSON document coders ({@code JsonDocumentDecoder},
 * {@code JsonDocumentEncoder}, told whether {@code @jsonName} applies) and {@code WireTimestamps}. awsQuery:
 * {@code AwsQueryCodec} (routes from the form's {@code Action} and {@code Version}; the path means nothing), with
 * {@code QueryInputDecoder} (form parameters such as {@code Tags.member.1.Key} to the normalized document),
 * {@code XmlDocumentEncoder} (the document to XML elements, with {@code XMLStreamWriter}), {@code AwsQueryErrorForm}
 * ({@code ErrorResponse}, codes from {@code @awsQueryError}) and {@link io.emrys.api.protocol.ValidationStyle#AWS_QUERY}
 * (IAM's {@code ValidationError} wording). Because the AWS SDK for Java v2 sends awsQuery requests to {@code /}
 * whatever its endpoint's path, {@link io.emrys.api.protocol.SigningServiceRouter} serves several services at one path
 * by the signing name SigV4 verified.
 *
 * <p>Layering: part of the {@code api} layer: may use Smithy's model and knowledge indexes, Jackson, the JDK's
 * {@code javax.xml.stream}, Armeria (only in the three services, {@code ModeledService}, {@code SigningServiceRouter}
 * and {@code ArmeriaAdapter}), {@code api.auth} for the caller and {@code error}; never the resource services, which
 * its handlers (such as {@code api.serverless}) call (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.api.protocol;
