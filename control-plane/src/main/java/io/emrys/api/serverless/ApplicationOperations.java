package io.emrys.api.serverless;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.application.Application;
import io.emrys.application.ApplicationService;
import io.emrys.application.ApplicationState;
import io.emrys.common.ApplicationId;
import io.emrys.common.Page;
import io.emrys.tagging.TagService;
import java.util.Map;

/** CreateApplication, GetApplication, ListApplications, UpdateApplication, DeleteApplication, Start/StopApplication. */
final class ApplicationOperations
{
    private final ApplicationService applications;
    private final TagService tags;

    ApplicationOperations(ApplicationService applications, TagService tags)
    {
        this.applications = requireNonNull(applications, "applications is null");
        this.tags = requireNonNull(tags, "tags is null");
    }

    void register(Map<String, OperationHandler> handlers)
    {
        handlers.put("CreateApplication", this::create);
        handlers.put("GetApplication", call -> wrap("application", describe(applications.get(applicationId(call)))));
        handlers.put("ListApplications", this::list);
        handlers.put("UpdateApplication", call -> wrap("application", describe(applications.update(applicationId(call), call.input()))));
        handlers.put("DeleteApplication", call -> empty(applications.delete(applicationId(call))));
        handlers.put("StartApplication", call -> empty(applications.start(applicationId(call))));
        handlers.put("StopApplication", call -> empty(applications.stop(applicationId(call))));
    }

    private ObjectNode create(OperationCall call)
    {
        Map<String, String> requestedTags = Inputs.stringMap(call.input().get("tags"));
        Application application = applications.create(call.input(), Inputs.clientToken(call.input()));
        tags.tag(application.arn(), requestedTags);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("applicationId", application.id().value());
        application.configuration().name().ifPresent(name -> output.put("name", name));
        output.put("arn", application.arn());
        return output;
    }

    private ObjectNode list(OperationCall call)
    {
        Page<Application> page = applications.list(
                Inputs.enumSet(call.input().get("states"), ApplicationState.class),
                Inputs.optionalText(call.input(), "nextToken"),
                Inputs.optionalInt(call.input(), "maxResults"));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        var summaries = output.putArray("applications");
        for (Application application : page.items()) {
            ObjectNode summary = summaries.addObject();
            summary.put("id", application.id().value());
            application.configuration().name().ifPresent(name -> summary.put("name", name));
            summary.put("arn", application.arn());
            summary.put("releaseLabel", application.configuration().releaseLabel());
            summary.put("type", application.configuration().type());
            summary.put("state", application.state().name());
            applications.stateDetails(application).ifPresent(details -> summary.put("stateDetails", details));
            summary.put("createdAt", application.createdAt().toString());
            summary.put("updatedAt", application.updatedAt().toString());
            JsonNode architecture = application.configuration().document().get("architecture");
            if (architecture != null) {
                summary.set("architecture", architecture);
            }
        }
        page.nextToken().ifPresent(token -> output.put("nextToken", token));
        return output;
    }

    private ObjectNode describe(Application application)
    {
        ObjectNode document = application.configuration().document();
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("applicationId", application.id().value());
        output.put("arn", application.arn());
        output.put("state", application.state().name());
        applications.stateDetails(application).ifPresent(details -> output.put("stateDetails", details));
        output.put("createdAt", application.createdAt().toString());
        output.put("updatedAt", application.updatedAt().toString());
        output.setAll(document);
        ObjectNode tagMap = output.putObject("tags");
        tags.tagsOf(application.arn()).forEach(tagMap::put);
        return output;
    }

    private static ApplicationId applicationId(OperationCall call)
    {
        return Inputs.applicationId(call.input());
    }

    private static ObjectNode wrap(String member, ObjectNode value)
    {
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.set(member, value);
        return output;
    }

    private static ObjectNode empty(Object ignored)
    {
        return JsonNodeFactory.instance.objectNode();
    }
}
