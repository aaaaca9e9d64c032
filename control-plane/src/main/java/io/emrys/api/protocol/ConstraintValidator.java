package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.EnumShape;
import software.amazon.smithy.model.shapes.IntEnumShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.DefaultTrait;
import software.amazon.smithy.model.traits.EnumDefinition;
import software.amazon.smithy.model.traits.EnumTrait;
import software.amazon.smithy.model.traits.InternalTrait;
import software.amazon.smithy.model.traits.LengthTrait;
import software.amazon.smithy.model.traits.PatternTrait;
import software.amazon.smithy.model.traits.RangeTrait;
import software.amazon.smithy.model.traits.RequiredTrait;
import software.amazon.smithy.model.traits.SensitiveTrait;
import software.amazon.smithy.model.traits.Trait;
import software.amazon.smithy.model.traits.UniqueItemsTrait;

/**
 * Checks a normalized input document against the model's constraint traits (required, length, pattern, range,
 * enum, uniqueItems), recursively, and reports every violation rather than the first. Thread-safe: the only
 * state is a cache of compiled patterns.
 */
final class ConstraintValidator
{
    private final Model model;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    ConstraintValidator(Model model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    List<Violation> validate(Shape structure, JsonNode input)
    {
        List<Violation> violations = new ArrayList<>();
        validateStructure(structure, input, new ArrayList<>(), violations);
        return violations;
    }

    private void validateStructure(Shape structure, JsonNode value, List<String> path, List<Violation> violations)
    {
        for (MemberShape member : structure.members()) {
            JsonNode memberValue = value.get(member.getMemberName());
            path.add(member.getMemberName());
            if (memberValue == null || memberValue.isNull()) {
                if (structure.isStructureShape() && member.hasTrait(RequiredTrait.class) && !member.hasTrait(DefaultTrait.class)) {
                    violations.add(new Violation(path, null, "Member must not be null"));
                }
            }
            else {
                validateValue(member, memberValue, path, violations);
            }
            path.remove(path.size() - 1);
        }
    }

    private void validateValue(MemberShape member, JsonNode value, List<String> path, List<Violation> violations)
    {
        Shape target = model.expectShape(member.getTarget());
        boolean sensitive = target.hasTrait(SensitiveTrait.class) || member.hasTrait(SensitiveTrait.class);
        String shown = sensitive ? null : display(value);
        trait(member, LengthTrait.class).ifPresent(length -> checkLength(length, target, value, shown, path, violations));
        trait(member, PatternTrait.class).ifPresent(pattern -> {
            if (value.isTextual() && !compiled(pattern.getValue()).matcher(value.textValue()).find()) {
                violations.add(new Violation(path, shown, "Member must satisfy regular expression pattern: " + pattern.getValue()));
            }
        });
        trait(member, EnumTrait.class).ifPresent(enumTrait -> {
            if (value.isTextual() && !enumTrait.getEnumDefinitionValues().contains(value.textValue())) {
                violations.add(new Violation(path, shown, "Member must satisfy enum value set: " + publicEnumValues(target, enumTrait)));
            }
        });
        if (target instanceof IntEnumShape) {
            List<Integer> allowed = List.copyOf(((IntEnumShape) target).getEnumValues().values());
            if (value.isIntegralNumber() && !allowed.contains(value.intValue())) {
                violations.add(new Violation(path, shown, "Member must satisfy enum value set: " + allowed));
            }
        }
        trait(member, RangeTrait.class).ifPresent(range -> checkRange(range, value, shown, path, violations));
        if (trait(member, UniqueItemsTrait.class).isPresent() && value.isArray()) {
            Set<JsonNode> seen = new HashSet<>();
            for (JsonNode element : value) {
                if (!seen.add(element)) {
                    violations.add(new Violation(path, shown, "Member must have unique values"));
                    break;
                }
            }
        }
        validateNested(target, value, path, violations);
    }

    private void validateNested(Shape target, JsonNode value, List<String> path, List<Violation> violations)
    {
        if (target.isStructureShape() || target.isUnionShape()) {
            validateStructure(target, value, path, violations);
        }
        else if (target instanceof CollectionShape && value.isArray()) {
            MemberShape element = ((CollectionShape) target).getMember();
            for (int index = 0; index < value.size(); index++) {
                if (!value.get(index).isNull()) {
                    path.add(Integer.toString(index));
                    validateValue(element, value.get(index), path, violations);
                    path.remove(path.size() - 1);
                }
            }
        }
        else if (target instanceof MapShape && value.isObject()) {
            MapShape map = (MapShape) target;
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                // a bad key is reported at the map itself: a key has no path of its own
                validateValue(map.getKey(), com.fasterxml.jackson.databind.node.TextNode.valueOf(field.getKey()), path, violations);
                if (!field.getValue().isNull()) {
                    path.add(field.getKey());
                    validateValue(map.getValue(), field.getValue(), path, violations);
                    path.remove(path.size() - 1);
                }
            }
        }
    }

    private void checkLength(LengthTrait length, Shape target, JsonNode value, String shown, List<String> path, List<Violation> violations)
    {
        long measured;
        if (target.isBlobShape() && value.isTextual()) {
            measured = Base64.getDecoder().decode(value.textValue()).length;
        }
        else if (value.isTextual()) {
            measured = value.textValue().codePointCount(0, value.textValue().length());
        }
        else if (value.isContainerNode()) {
            measured = value.size();
        }
        else {
            return;
        }
        Optional<BigDecimal> min = length.getMin().map(BigDecimal::valueOf);
        Optional<BigDecimal> max = length.getMax().map(BigDecimal::valueOf);
        BigDecimal size = BigDecimal.valueOf(measured);
        boolean belowMin = min.isPresent() && size.compareTo(min.get()) < 0;
        if (belowMin || (max.isPresent() && size.compareTo(max.get()) > 0)) {
            violations.add(new Violation(path, shown, OptionalInt.of((int) measured),
                    "Member must have length " + bounds(min, max),
                    "Member must have length " + brokenBound(belowMin, min, max)));
        }
    }

    private static void checkRange(RangeTrait range, JsonNode value, String shown, List<String> path, List<Violation> violations)
    {
        if (!value.isNumber()) {
            return;
        }
        boolean belowMin;
        boolean aboveMax;
        if (value.isDouble() || value.isFloat()) {
            double number = value.doubleValue();
            belowMin = Double.isNaN(number) || range.getMin().map(min -> number < min.doubleValue()).orElse(false);
            aboveMax = range.getMax().map(max -> number > max.doubleValue()).orElse(false);
        }
        else {
            BigDecimal number = value.decimalValue();
            belowMin = range.getMin().map(min -> number.compareTo(min) < 0).orElse(false);
            aboveMax = range.getMax().map(max -> number.compareTo(max) > 0).orElse(false);
        }
        if (belowMin || aboveMax) {
            violations.add(new Violation(path, shown, OptionalInt.empty(),
                    "Member must be " + bounds(range.getMin(), range.getMax()),
                    "Member must have value " + brokenBound(belowMin, range.getMin(), range.getMax())));
        }
    }

    private static String bounds(Optional<BigDecimal> min, Optional<BigDecimal> max)
    {
        if (min.isPresent() && max.isPresent()) {
            return "between " + min.get().toPlainString() + " and " + max.get().toPlainString() + ", inclusive";
        }
        if (min.isPresent()) {
            return "greater than or equal to " + min.get().toPlainString();
        }
        return "less than or equal to " + max.map(BigDecimal::toPlainString).orElse("");
    }

    /** Values marked internal are accepted but not advertised in the message. */
    private static List<String> publicEnumValues(Shape target, EnumTrait enumTrait)
    {
        if (target instanceof EnumShape) {
            List<String> values = new ArrayList<>();
            ((EnumShape) target).getAllMembers().forEach((name, member) -> {
                if (!member.hasTrait(InternalTrait.class)) {
                    values.add(((EnumShape) target).getEnumValues().get(name));
                }
            });
            return values;
        }
        return enumTrait.getValues().stream()
                .filter(definition -> !definition.hasTag("internal"))
                .map(EnumDefinition::getValue)
                .collect(Collectors.toList());
    }

    /** AWS names only the side that was crossed: "greater than or equal to 1" or "less than or equal to 64". */
    private static String brokenBound(boolean belowMin, Optional<BigDecimal> min, Optional<BigDecimal> max)
    {
        if (belowMin) {
            return "greater than or equal to " + min.map(BigDecimal::toPlainString).orElse("");
        }
        return "less than or equal to " + max.map(BigDecimal::toPlainString).orElse("");
    }

    private <T extends Trait> Optional<T> trait(MemberShape member, Class<T> type)
    {
        return member.getMemberTrait(model, type);
    }

    private Pattern compiled(String regex)
    {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    private static String display(JsonNode value)
    {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isTextual() ? item.textValue() : item.toString()));
            return items.stream().collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }
}
