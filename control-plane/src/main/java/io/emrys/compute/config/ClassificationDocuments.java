package io.emrys.compute.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrys.error.EmrysException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the API's configuration lists ({@code runtimeConfiguration}, {@code applicationConfiguration}: objects with
 * {@code classification}, {@code properties} and nested {@code configurations}) into {@link Classification}s.
 */
public final class ClassificationDocuments
{
    private ClassificationDocuments() {}

    /** @param where the member the list came from, for error messages */
    public static List<Classification> fromJson(JsonNode list, String where)
    {
        List<Classification> classifications = new ArrayList<>();
        if (list == null || list.isMissingNode() || list.isNull()) {
            return classifications;
        }
        for (JsonNode node : list) {
            if (!node.hasNonNull("classification")) {
                throw EmrysException.validation("Each configuration in " + where + " needs a classification");
            }
            Map<String, String> properties = new TreeMap<>();
            node.path("properties").fields().forEachRemaining(entry -> properties.put(entry.getKey(), entry.getValue().asText()));
            classifications.add(new Classification(node.get("classification").asText(), properties, fromJson(node.path("configurations"), where)));
        }
        return classifications;
    }
}
