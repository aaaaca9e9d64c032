package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeSet;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBinding;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.XmlFlattenedTrait;
import software.amazon.smithy.model.traits.XmlNameTrait;

/**
 * Reads awsQuery's flat parameters ({@code Tags.member.1.Key=k}) into a normalized document, by the input shape:
 * structure members by member name or {@code @xmlName} joined with dots, list elements 1-based under
 * {@code member} (or the list member's {@code @xmlName}) or directly when {@code @xmlFlattened}, map entries
 * under {@code entry.N.key}/{@code entry.N.value} (names from {@code @xmlName}, {@code entry} left out when
 * flattened); {@code A=} with no elements is the empty list. Parameters no member names are ignored, as JSON
 * members are. A value that does not read as its type is a {@link ValidationFailure}, all such values at once.
 * Immutable and thread-safe.
 */
final class QueryInputDecoder
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Model model;
    private final TextValueDecoder scalars;

    QueryInputDecoder(Model model)
    {
        this.model = requireNonNull(model, "model is null");
        this.scalars = new TextValueDecoder(model);
    }

    /** @param parameters every parameter but Action and Version, by name, sorted so that a prefix is a range */
    ObjectNode decode(Shape input, NavigableMap<String, String> parameters)
    {
        List<Violation> violations = new ArrayList<>();
        ObjectNode document = NODES.objectNode();
        decodeMembers(input, "", parameters, document, new ArrayList<>(), violations);
        if (!violations.isEmpty()) {
            throw new ValidationFailure(violations);
        }
        return document;
    }

    private void decodeMembers(Shape structure, String prefix, NavigableMap<String, String> parameters, ObjectNode into,
            List<String> path, List<Violation> violations)
    {
        for (MemberShape member : structure.members()) {
            String key = prefix + member.getTrait(XmlNameTrait.class).map(XmlNameTrait::getValue).orElse(member.getMemberName());
            path.add(member.getMemberName());
            JsonNode value = decodeValue(member, member.hasTrait(XmlFlattenedTrait.class), key, parameters, path, violations);
            if (value != null) {
                into.set(member.getMemberName(), value);
            }
            path.remove(path.size() - 1);
        }
    }

    /** The value at {@code key}, or null when the request carries none. */
    private JsonNode decodeValue(MemberShape member, boolean flattened, String key, NavigableMap<String, String> parameters,
            List<String> path, List<Violation> violations)
    {
        Shape target = model.expectShape(member.getTarget());
        if (target.isStructureShape() || target.isUnionShape()) {
            if (nested(parameters, key).isEmpty()) {
                return null;
            }
            ObjectNode structure = NODES.objectNode();
            decodeMembers(target, key + ".", parameters, structure, path, violations);
            return structure;
        }
        if (target instanceof CollectionShape) {
            return decodeList((CollectionShape) target, flattened, key, parameters, path, violations);
        }
        if (target instanceof MapShape) {
            return decodeMap((MapShape) target, flattened, key, parameters, path, violations);
        }
        String text = parameters.get(key);
        if (text == null) {
            return null;
        }
        try {
            return scalars.decode(member, text, HttpBinding.Location.QUERY);
        }
        catch (ProtocolException e) {
            violations.add(new Violation(path, text, "Member must be a valid " + target.getType().toString().toLowerCase(Locale.ROOT)));
            return null;
        }
    }

    private JsonNode decodeList(CollectionShape list, boolean flattened, String key, NavigableMap<String, String> parameters,
            List<String> path, List<Violation> violations)
    {
        MemberShape element = list.getMember();
        // a flattened list repeats the member's own name; the list member's @xmlName applies only to the wrapped form
        String elements = flattened ? key + "." : key + "." + element.getTrait(XmlNameTrait.class).map(XmlNameTrait::getValue).orElse("member") + ".";
        TreeSet<Integer> indexes = indexes(nested(parameters, elements), elements);
        if (indexes.isEmpty()) {
            // SDKs send an empty list as "A=": present, no elements
            return parameters.containsKey(key) || !nested(parameters, key).isEmpty() ? NODES.arrayNode() : null;
        }
        ArrayNode array = NODES.arrayNode();
        for (int index : indexes) {
            path.add(Integer.toString(array.size()));
            JsonNode value = decodeValue(element, false, elements + index, parameters, path, violations);
            array.add(value == null ? NODES.nullNode() : value);
            path.remove(path.size() - 1);
        }
        return array;
    }

    private JsonNode decodeMap(MapShape map, boolean flattened, String key, NavigableMap<String, String> parameters,
            List<String> path, List<Violation> violations)
    {
        String entries = flattened ? key + "." : key + ".entry.";
        TreeSet<Integer> indexes = indexes(nested(parameters, entries), entries);
        if (indexes.isEmpty()) {
            return parameters.containsKey(key) || !nested(parameters, key).isEmpty() ? NODES.objectNode() : null;
        }
        String keyName = map.getKey().getTrait(XmlNameTrait.class).map(XmlNameTrait::getValue).orElse("key");
        String valueName = map.getValue().getTrait(XmlNameTrait.class).map(XmlNameTrait::getValue).orElse("value");
        ObjectNode object = NODES.objectNode();
        for (int index : indexes) {
            String entryKey = parameters.get(entries + index + "." + keyName);
            if (entryKey == null) {
                path.add(Integer.toString(index - 1));
                violations.add(new Violation(path, null, "Map entry must have a key"));
                path.remove(path.size() - 1);
                continue;
            }
            path.add(entryKey);
            JsonNode value = decodeValue(map.getValue(), false, entries + index + "." + valueName, parameters, path, violations);
            object.set(entryKey, value == null ? NODES.nullNode() : value);
            path.remove(path.size() - 1);
        }
        return object;
    }

    /** The parameters under {@code prefix}: a sorted map's range, so that lookups stay logarithmic. */
    private static SortedMap<String, String> nested(NavigableMap<String, String> parameters, String prefix)
    {
        String dotted = prefix.endsWith(".") ? prefix : prefix + ".";
        return parameters.subMap(dotted, dotted.substring(0, dotted.length() - 1) + '/');
    }

    /** The 1-based indexes that follow {@code prefix}, in order; names whose next segment is no index are ignored. */
    private static TreeSet<Integer> indexes(SortedMap<String, String> nested, String prefix)
    {
        TreeSet<Integer> indexes = new TreeSet<>();
        for (String name : nested.keySet()) {
            String rest = name.substring(prefix.length());
            int dot = rest.indexOf('.');
            String segment = dot < 0 ? rest : rest.substring(0, dot);
            if (!segment.isEmpty() && segment.length() < 10 && segment.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(segment);
                if (index > 0) {
                    indexes.add(index);
                }
            }
        }
        return indexes;
    }
}
