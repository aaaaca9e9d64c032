package io.emrys.api.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Caller;
import io.emrys.common.Page;
import io.emrys.error.EmrysException;
import io.emrys.iam.IamTag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Reads IAM inputs from normalized documents; the model has already checked their shapes and patterns. */
final class IamInputs
{
    /** IAM's page size when MaxItems is not given. */
    static final int DEFAULT_MAX_ITEMS = 100;

    private IamInputs() {}

    static String required(ObjectNode input, String member)
    {
        return input.path(member).asText();
    }

    static Optional<String> optional(ObjectNode input, String member)
    {
        JsonNode value = input.get(member);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    static List<IamTag> tags(ObjectNode input)
    {
        List<IamTag> tags = new ArrayList<>();
        input.path("Tags").forEach(tag -> tags.add(new IamTag(tag.path("Key").asText(), tag.path("Value").asText())));
        return tags;
    }

    /** IAM lists names in case-insensitive order; pages are keyed the same way. */
    static String sortKey(String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The page of {@code sorted} that Marker and MaxItems ask for. */
    static <T> Page<T> page(ObjectNode input, List<T> sorted, Function<T, String> sortKey)
    {
        Optional<Integer> maxItems = Optional.ofNullable(input.get("MaxItems")).map(JsonNode::asInt);
        return Page.of(sorted, sortKey, optional(input, "Marker"), Optional.of(maxItems.orElse(DEFAULT_MAX_ITEMS)));
    }

    /**
     * The user an operation is about: the UserName given, or else the calling user, as IAM does for GetUser,
     * CreateAccessKey and ListAccessKeys.
     */
    static String userOrCaller(ObjectNode input, Caller caller)
    {
        Optional<String> given = optional(input, "UserName");
        if (given.isPresent()) {
            return given.get();
        }
        String resource = caller.principalArn().split(":", 6)[5];
        if (!resource.startsWith("user/")) {
            throw EmrysException.validation("Must specify userName when calling with non-User credentials");
        }
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
