package io.emrys.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Helpers for the normalized JSON documents that operations take in and resources keep. */
public final class Documents
{
    private Documents() {}

    /**
     * A new document with deep copies of those {@code members} of {@code input} that are present and not null:
     * what a resource keeps of a request, leaving out ids, tokens and tags.
     */
    public static ObjectNode pick(ObjectNode input, Set<String> members)
    {
        ObjectNode picked = input.objectNode();
        for (String member : members) {
            JsonNode value = input.get(member);
            if (value != null && !value.isNull()) {
                picked.set(member, value.deepCopy());
            }
        }
        return picked;
    }
}
