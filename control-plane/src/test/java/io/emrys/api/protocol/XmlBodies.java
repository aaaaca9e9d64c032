package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Compares XML bodies as clients read them: elements by name and order, their text and attributes; the
 * indentation of the suite's expected bodies and {@code xmlns} declarations are left out (awsQuery's suite writes
 * ErrorResponse without the namespace AWS's services give it; AwsQueryCodecTest checks ours exactly), and so is the
 * response's {@code ResponseMetadata} when the expected body leaves it out, as most of the suite's bodies do.
 */
final class XmlBodies
{
    private XmlBodies() {}

    static void assertSameXml(String actual, String expected)
    {
        Element actualRoot = parse(actual);
        Element expectedRoot = parse(expected);
        if (expectedRoot.getElementsByTagName("ResponseMetadata").getLength() == 0) {
            NodeList metadata = actualRoot.getElementsByTagName("ResponseMetadata");
            for (int index = metadata.getLength() - 1; index >= 0; index--) {
                metadata.item(index).getParentNode().removeChild(metadata.item(index));
            }
        }
        assertThat(canonical(actualRoot)).as("body:%n expected %s%n actual   %s", expected, actual).isEqualTo(canonical(expectedRoot));
    }

    private static Element parse(String xml)
    {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return document.getDocumentElement();
        }
        catch (Exception e) {
            throw new AssertionError("Not XML: " + xml, e);
        }
    }

    private static String canonical(Element element)
    {
        StringBuilder out = new StringBuilder("<").append(element.getTagName());
        for (int index = 0; index < element.getAttributes().getLength(); index++) {
            Node attribute = element.getAttributes().item(index);
            if (!attribute.getNodeName().startsWith("xmlns")) {
                out.append(' ').append(attribute.getNodeName()).append("=\"").append(attribute.getNodeValue()).append('"');
            }
        }
        out.append('>');
        NodeList children = element.getChildNodes();
        boolean hasElements = false;
        StringBuilder text = new StringBuilder();
        for (int index = 0; index < children.getLength(); index++) {
            Node child = children.item(index);
            if (child instanceof Element) {
                hasElements = true;
                out.append(canonical((Element) child));
            }
            else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        // text beside child elements is indentation; an element of text alone keeps it exactly
        if (!hasElements) {
            out.append(text);
        }
        return out.append("</").append(element.getTagName()).append('>').toString();
    }
}
