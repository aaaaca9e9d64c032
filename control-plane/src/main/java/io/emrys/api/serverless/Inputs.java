package io.emrys.api.serverless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.ApplicationId;
import io.emrys.common.JobRunId;
import io.emrys.error.EmrysException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads members out of validated input documents. The protocol layer has already checked them against the model,
 * so these only convert (ids that pass the model's pattern are valid typed ids).
 */
final class Inputs
{
    private Inputs() {}

    static ApplicationId applicationId(ObjectNode input)
    {
        return new ApplicationId(input.path("applicationId").asText());
    }

    static JobRunId jobRunId(ObjectNode input)
    {
        return new JobRunId(input.path("jobRunId").asText());
    }

    /** SDKs fill idempotency tokens in; a raw HTTP caller may leave one out, which makes the call not idempotent. */
    static String clientToken(ObjectNode input)
    {
        return optionalText(input, "clientToken").orElseGet(() -> UUID.randomUUID().toString());
    }

    static Optional<String> optionalText(ObjectNode input, String member)
    {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    static Optional<Integer> optionalInt(ObjectNode input, String member)
    {
        JsonNode node = input.get(member);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asInt());
    }

    static Optional<Instant> optionalInstant(ObjectNode input, String member)
    {
        return optionalText(input, member).map(text -> {
            try {
                return Instant.parse(text);
            }
            catch (RuntimeException e) {
                throw EmrysException.validation("Value '%s' at '%s' is not a timestamp".formatted(text, member));
            }
        });
    }

    static Map<String, String> stringMap(JsonNode node)
    {
        Map<String, String> map = new TreeMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
        }
        return map;
    }

    static List<String> stringList(JsonNode node)
    {
        List<String> list = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(element -> list.add(element.asText()));
        }
        return list;
    }

    static <E extends Enum<E>> Set<E> enumSet(JsonNode node, Class<E> type)
    {
        Set<E> values = EnumSet.noneOf(type);
        values.addAll(enumList(node, type));
        return values;
    }

    /** The values in the order the request lists them (ListJobRuns groups its runs by state in that order). */
    static <E extends Enum<E>> List<E> enumList(JsonNode node, Class<E> type)
    {
        List<E> values = new ArrayList<>();
        for (String text : stringList(node)) {
            try {
                values.add(Enum.valueOf(type, text));
            }
            catch (IllegalArgumentException e) {
                throw EmrysException.validation("Unknown state '%s'".formatted(text));
            }
        }
        return values;
    }
}
