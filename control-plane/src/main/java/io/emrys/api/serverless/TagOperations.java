package io.emrys.api.serverless;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.tagging.TagService;
import java.util.Map;

/** TagResource, UntagResource, ListTagsForResource. */
final class TagOperations
{
    private final TagService tags;

    TagOperations(TagService tags)
    {
        this.tags = requireNonNull(tags, "tags is null");
    }

    void register(Map<String, OperationHandler> handlers)
    {
        handlers.put("TagResource", this::tag);
        handlers.put("UntagResource", this::untag);
        handlers.put("ListTagsForResource", this::list);
    }

    private ObjectNode tag(OperationCall call)
    {
        tags.tag(arn(call), Inputs.stringMap(call.input().get("tags")));
        return JsonNodeFactory.instance.objectNode();
    }

    private ObjectNode untag(OperationCall call)
    {
        tags.untag(arn(call), Inputs.stringList(call.input().get("tagKeys")));
        return JsonNodeFactory.instance.objectNode();
    }

    private ObjectNode list(OperationCall call)
    {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ObjectNode tagMap = output.putObject("tags");
        tags.tags(arn(call)).forEach(tagMap::put);
        return output;
    }

    private static String arn(OperationCall call)
    {
        return call.input().path("resourceArn").asText();
    }
}
