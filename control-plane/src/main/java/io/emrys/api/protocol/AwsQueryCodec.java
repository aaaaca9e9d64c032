package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.smithy.aws.traits.protocols.AwsQueryTrait;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.traits.XmlNamespaceTrait;

/**
 * The awsQuery wire form of one service (IAM, STS): the input is a form, {@code Action=GetUser&Version=2010-05-08&...},
 * in an {@code application/x-www-form-urlencoded} body or the query string (both are read; the body wins a name
 * both carry), and the output an XML document {@code <GetUserResponse><GetUserResult>...</GetUserResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata></GetUserResponse>} in the service's {@code @xmlNamespace}. The
 * path means nothing, so the service can be mounted under any prefix. Errors go through {@link ErrorMapper} with
 * {@link AwsQueryErrorForm}. Immutable and thread-safe.
 */
final class AwsQueryCodec
        implements ProtocolCodec
{
    static final String CONTENT_TYPE = "text/xml";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final ShapeId UNIT = ShapeId.from("smithy.api#Unit");

    private final Model model;
    private final ServiceShape service;
    private final String version;
    private final String namespace;
    private final Map<String, OperationShape> operationsByAction = new HashMap<>();
    private final QueryInputDecoder decoder;
    private final XmlDocumentEncoder encoder;
    private final ErrorMapper errors;

    AwsQueryCodec(Model model, ShapeId service, ServiceErrors serviceErrors, ValidationStyle validationStyle)
    {
        this.model = requireNonNull(model, "model is null");
        ServiceShape serviceShape = model.expectShape(requireNonNull(service, "service is null"), ServiceShape.class);
        this.service = serviceShape;
        if (!serviceShape.hasTrait(AwsQueryTrait.class)) {
            throw new IllegalArgumentException("Service " + service + " is not declared @awsQuery in its model");
        }
        this.version = serviceShape.getVersion();
        this.namespace = serviceShape.getTrait(XmlNamespaceTrait.class).map(XmlNamespaceTrait::getUri)
                .orElseThrow(() -> new IllegalArgumentException("Service " + service + " has no @xmlNamespace, which awsQuery responses need"));
        for (OperationShape operation : TopDownIndex.of(model).getContainedOperations(serviceShape)) {
            operationsByAction.put(operation.getId().getName(serviceShape), operation);
        }
        this.decoder = new QueryInputDecoder(model);
        this.encoder = new XmlDocumentEncoder(model);
        this.errors = new ErrorMapper(model, service, serviceErrors, validationStyle, new AwsQueryErrorForm(namespace, encoder));
    }

    @Override
    public DecodedCall decode(WireRequest request)
    {
        NavigableMap<String, String> parameters = parameters(request);
        String action = parameters.remove("Action");
        String requestedVersion = parameters.remove("Version");
        OperationShape operation = action == null ? null : operationsByAction.get(action);
        // AWS routes on the pair: an action of another version is as unknown as an action of none
        if (operation == null || !version.equals(requestedVersion)) {
            throw ProtocolException.invalidAction(action == null ? "" : action, requestedVersion == null ? "" : requestedVersion);
        }
        return new DecodedCall(operation, decoder.decode(model.expectShape(operation.getInputShape()), parameters));
    }

    @Override
    public WireResponse encodeOutput(OperationShape operation, ObjectNode output, List<Map.Entry<String, String>> headers)
    {
        String name = operation.getId().getName(service);
        byte[] body = XmlDocumentEncoder.document(writer -> {
            writer.writeStartElement(name + "Response");
            writer.writeDefaultNamespace(namespace);
            // an operation without output answers with ResponseMetadata alone
            if (!operation.getOutputShape().equals(UNIT)) {
                writer.writeStartElement(name + "Result");
                encoder.writeMembers(writer, model.expectShape(operation.getOutputShape()), output);
                writer.writeEndElement();
            }
            writer.writeStartElement("ResponseMetadata");
            XmlDocumentEncoder.textElement(writer, "RequestId", requestId(headers));
            writer.writeEndElement();
            writer.writeEndElement();
        });
        return new WireResponse(200, headers, CONTENT_TYPE, body);
    }

    @Override
    public WireResponse encodeError(Throwable failure, List<Map.Entry<String, String>> headers)
    {
        return errors.toResponse(failure, headers);
    }

    /** The request id the dispatcher put in the headers every response carries; the body repeats it. */
    static String requestId(List<Map.Entry<String, String>> headers)
    {
        return headers.stream()
                .filter(header -> header.getKey().equalsIgnoreCase(ProtocolDispatcher.REQUEST_ID_HEADER))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
    }

    /** The query string's parameters, then the form body's; the first value of a repeated name counts. */
    private static NavigableMap<String, String> parameters(WireRequest request)
    {
        NavigableMap<String, String> parameters = new TreeMap<>();
        request.query().forEach((name, values) -> parameters.put(name, values.get(0)));
        if (request.body().length > 0) {
            String contentType = request.header("content-type").orElse("");
            if (!contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
                throw ProtocolException.unsupportedMediaType(contentType);
            }
            RestJsonRouter.parseQuery(new String(request.body(), StandardCharsets.UTF_8))
                    .forEach((name, values) -> parameters.put(name, values.get(0)));
        }
        return parameters;
    }
}
