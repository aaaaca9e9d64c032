package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.TimestampFormatTrait;
import software.amazon.smithy.model.traits.XmlAttributeTrait;
import software.amazon.smithy.model.traits.XmlFlattenedTrait;
import software.amazon.smithy.model.traits.XmlNameTrait;

/**
 * Writes a normalized document as the XML of Smithy's XML-based protocols (awsQuery's results): elements by member
 * name or {@code @xmlName}, {@code @xmlAttribute} members as attributes, lists wrapped in {@code <member>} (or the
 * list member's {@code @xmlName}) unless {@code @xmlFlattened}, maps as {@code <entry><key/><value/></entry>},
 * timestamps as date-time unless {@code @timestampFormat} says otherwise. The JDK's {@link XMLStreamWriter} does
 * the escaping. Immutable and thread-safe; a writer is made per document.
 */
final class XmlDocumentEncoder
{
    /** What writes a document's elements; the encoder owns the writer around it. */
    @FunctionalInterface
    interface Body
    {
        void write(XMLStreamWriter writer)
                throws XMLStreamException;
    }

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final Model model;

    XmlDocumentEncoder(Model model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    /** A UTF-8 document of what {@code body} writes, without an XML declaration, as AWS's query services answer. */
    static byte[] document(Body body)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter writer;
            // XMLOutputFactory is thread-safe once configured, the writers it makes are not
            synchronized (FACTORY) {
                writer = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
            }
            body.write(writer);
            writer.writeEndDocument();
            writer.close();
        }
        catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write an XML response", e);
        }
        return bytes.toByteArray();
    }

    /** One element holding text, escaped. */
    static void textElement(XMLStreamWriter writer, String name, String text)
            throws XMLStreamException
    {
        writer.writeStartElement(name);
        characters(writer, text);
        writer.writeEndElement();
    }

    /** The members of {@code structure} present in {@code document}, as children of the element being written. */
    void writeMembers(XMLStreamWriter writer, Shape structure, JsonNode document)
            throws XMLStreamException
    {
        // attributes must come before any child of the open element
        for (MemberShape member : structure.members()) {
            JsonNode value = document.get(member.getMemberName());
            if (member.hasTrait(XmlAttributeTrait.class) && value != null && !value.isNull()) {
                writer.writeAttribute(elementName(member), scalarText(member, value));
            }
        }
        for (MemberShape member : structure.members()) {
            JsonNode value = document.get(member.getMemberName());
            if (!member.hasTrait(XmlAttributeTrait.class) && value != null && !value.isNull()) {
                writeMember(writer, member, elementName(member), member.hasTrait(XmlFlattenedTrait.class), value);
            }
        }
    }

    private void writeMember(XMLStreamWriter writer, MemberShape member, String name, boolean flattened, JsonNode value)
            throws XMLStreamException
    {
        Shape target = model.expectShape(member.getTarget());
        if (target instanceof CollectionShape) {
            MemberShape element = ((CollectionShape) target).getMember();
            if (flattened) {
                // a flattened list repeats the member's own element; the list member's @xmlName does not apply
                for (JsonNode item : value) {
                    writeMember(writer, element, name, false, item);
                }
                return;
            }
            writer.writeStartElement(name);
            for (JsonNode item : value) {
                writeMember(writer, element, elementName(element, "member"), false, item);
            }
            writer.writeEndElement();
        }
        else if (target instanceof MapShape) {
            writeMap(writer, (MapShape) target, name, flattened, value);
        }
        else if (target.isStructureShape() || target.isUnionShape()) {
            writer.writeStartElement(name);
            writeMembers(writer, target, value);
            writer.writeEndElement();
        }
        else {
            textElement(writer, name, scalarText(member, value));
        }
    }

    private void writeMap(XMLStreamWriter writer, MapShape map, String name, boolean flattened, JsonNode value)
            throws XMLStreamException
    {
        if (!flattened) {
            writer.writeStartElement(name);
        }
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            writer.writeStartElement(flattened ? name : "entry");
            textElement(writer, elementName(map.getKey(), "key"), entry.getKey());
            if (!entry.getValue().isNull()) {
                writeMember(writer, map.getValue(), elementName(map.getValue(), "value"), false, entry.getValue());
            }
            writer.writeEndElement();
        }
        if (!flattened) {
            writer.writeEndElement();
        }
    }

    private String scalarText(MemberShape member, JsonNode value)
    {
        Shape target = model.expectShape(member.getTarget());
        if (target.isTimestampShape()) {
            TimestampFormatTrait.Format format = member.getMemberTrait(model, TimestampFormatTrait.class)
                    .map(TimestampFormatTrait::getFormat)
                    .orElse(TimestampFormatTrait.Format.DATE_TIME);
            return WireTimestamps.formatText(Instant.parse(value.asText()), format);
        }
        if (value.isFloatingPointNumber()) {
            double number = value.doubleValue();
            if (Double.isNaN(number)) {
                return "NaN";
            }
            if (Double.isInfinite(number)) {
                return number > 0 ? "Infinity" : "-Infinity";
            }
        }
        if (value.isBigDecimal()) {
            return value.decimalValue().toPlainString();
        }
        return value.asText();
    }

    private static String elementName(MemberShape member)
    {
        return elementName(member, member.getMemberName());
    }

    private static String elementName(MemberShape member, String otherwise)
    {
        return member.getTrait(XmlNameTrait.class).map(XmlNameTrait::getValue).orElse(otherwise);
    }

    /**
     * XMLStreamWriter escapes {@code < > &} but leaves a carriage return raw, which every XML parser turns into a
     * newline; a character reference keeps it, as AWS writes it.
     */
    private static void characters(XMLStreamWriter writer, String text)
            throws XMLStreamException
    {
        int start = 0;
        for (int index = text.indexOf('\r'); index >= 0; index = text.indexOf('\r', start)) {
            writer.writeCharacters(text.substring(start, index));
            writer.writeEntityRef("#xD");
            start = index + 1;
        }
        writer.writeCharacters(text.substring(start));
    }
}
