package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import software.amazon.smithy.aws.traits.protocols.AwsQueryErrorTrait;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.StructureShape;
import software.amazon.smithy.model.traits.ErrorTrait;

/**
 * awsQuery errors: {@code <ErrorResponse><Error><Type/><Code/><Message/>...</Error><RequestId/></ErrorResponse>}
 * in the service's namespace. The code is the shape's {@code @awsQueryError} code (IAM's NoSuchEntityException is
 * {@code NoSuchEntity}), else its name; the trait's status, where it has one, is the status this protocol sends,
 * as AWS does (it equals the {@code @httpError} in the IAM and STS models). Type is {@code Sender} for client
 * errors and {@code Receiver} for server errors. The shape's message member is written as {@code <Message>},
 * where clients read it; its other members follow it.
 */
final class AwsQueryErrorForm
        implements ErrorWireForm
{
    private final String namespace;
    private final XmlDocumentEncoder encoder;

    AwsQueryErrorForm(String namespace, XmlDocumentEncoder encoder)
    {
        this.namespace = requireNonNull(namespace, "namespace is null");
        this.encoder = requireNonNull(encoder, "encoder is null");
    }

    @Override
    public WireResponse unmodeled(int status, String name, String message, List<Map.Entry<String, String>> headers)
    {
        byte[] body = XmlDocumentEncoder.document(writer -> writeError(writer, status < 500 ? "Sender" : "Receiver", name, message,
                error -> {}, headers));
        return new WireResponse(status, headers, AwsQueryCodec.CONTENT_TYPE, body);
    }

    @Override
    public WireResponse modeled(StructureShape error, String name, int status, ObjectNode document, List<Map.Entry<String, String>> headers)
    {
        Optional<AwsQueryErrorTrait> queryError = error.getTrait(AwsQueryErrorTrait.class);
        String code = queryError.map(AwsQueryErrorTrait::getCode).orElse(name);
        int queryStatus = queryError.map(AwsQueryErrorTrait::getHttpResponseCode).orElse(status);
        boolean client = error.getTrait(ErrorTrait.class).map(ErrorTrait::isClientError).orElse(queryStatus < 500);
        Optional<MemberShape> messageMember = error.members().stream()
                .filter(member -> member.getMemberName().equalsIgnoreCase("message"))
                .findFirst();
        String message = messageMember.map(member -> document.path(member.getMemberName()).asText(null)).orElse(null);
        ObjectNode others = document.deepCopy();
        messageMember.ifPresent(member -> others.remove(member.getMemberName()));
        byte[] body = XmlDocumentEncoder.document(writer -> writeError(writer, client ? "Sender" : "Receiver", code, message,
                inside -> encoder.writeMembers(inside, error, others), headers));
        return new WireResponse(queryStatus, headers, AwsQueryCodec.CONTENT_TYPE, body);
    }

    private void writeError(XMLStreamWriter writer, String type, String code, String message, XmlDocumentEncoder.Body members,
            List<Map.Entry<String, String>> headers)
            throws XMLStreamException
    {
        writer.writeStartElement("ErrorResponse");
        writer.writeDefaultNamespace(namespace);
        writer.writeStartElement("Error");
        XmlDocumentEncoder.textElement(writer, "Type", type);
        XmlDocumentEncoder.textElement(writer, "Code", code);
        if (message != null) {
            XmlDocumentEncoder.textElement(writer, "Message", message);
        }
        members.write(writer);
        writer.writeEndElement();
        XmlDocumentEncoder.textElement(writer, "RequestId", AwsQueryCodec.requestId(headers));
        writer.writeEndElement();
    }
}
