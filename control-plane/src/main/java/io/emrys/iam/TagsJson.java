package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** IAM tags as they are stored: a JSON array of {@code {"key":..,"value":..}}, in the order the caller gave them. */
final class TagsJson
{
    private static final TypeReference<List<IamTag>> TAGS = new TypeReference<>() {};

    private final ObjectMapper json;

    TagsJson(ObjectMapper json)
    {
        this.json = requireNonNull(json, "json is null");
    }

    String write(List<IamTag> tags)
    {
        try {
            return json.writeValueAsString(tags);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write tags", e);
        }
    }

    List<IamTag> read(String tags)
    {
        try {
            return json.readValue(tags, TAGS);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tags are not JSON", e);
        }
    }
}
