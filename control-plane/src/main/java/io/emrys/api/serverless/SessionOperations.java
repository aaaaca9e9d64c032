package io.emrys.api.serverless;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.application.ApplicationService;
import io.emrys.common.ApplicationId;
import io.emrys.common.Page;
import io.emrys.common.SessionId;
import io.emrys.metering.Meter;
import io.emrys.metering.WorkerRecord;
import io.emrys.session.Session;
import io.emrys.session.SessionService;
import io.emrys.session.SessionState;
import io.emrys.tagging.TagService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** StartSession, GetSession, ListSessions, TerminateSession, GetSessionEndpoint, GetResourceDashboard. */
final class SessionOperations
{
    private final SessionService sessions;
    private final ApplicationService applications;
    private final TagService tags;
    private final Supplier<URI> gatewayEndpoint;
    private final Function<Session, String> dashboardUrl;
    private final Clock clock;

    SessionOperations(SessionService sessions, ApplicationService applications, TagService tags, Supplier<URI> gatewayEndpoint,
            Function<Session, String> dashboardUrl, Clock clock)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.gatewayEndpoint = requireNonNull(gatewayEndpoint, "gatewayEndpoint is null");
        this.dashboardUrl = requireNonNull(dashboardUrl, "dashboardUrl is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    void register(Map<String, OperationHandler> handlers)
    {
        handlers.put("StartSession", this::start);
        handlers.put("GetSession", this::get);
        handlers.put("ListSessions", this::list);
        handlers.put("TerminateSession", this::terminate);
        handlers.put("GetSessionEndpoint", this::endpoint);
        handlers.put("GetResourceDashboard", this::dashboard);
    }

    private ObjectNode start(OperationCall call)
    {
        Session session = sessions.start(Inputs.applicationId(call.input()), call.input(), Inputs.clientToken(call.input()),
                Inputs.stringMap(call.input().get("tags")), call.caller().principalArn());
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("applicationId", session.applicationId().value());
        output.put("sessionId", session.id().value());
        output.put("arn", session.arn());
        return output;
    }

    private ObjectNode get(OperationCall call)
    {
        Session session = sessions.get(Inputs.applicationId(call.input()), sessionId(call.input()));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ObjectNode described = summary(session, output.putObject("session"));
        ObjectNode spec = session.spec().document();
        Outputs.copy(spec, "configurationOverrides", described);
        Outputs.copy(spec, "idleTimeoutMinutes", described);
        session.startedAt().ifPresent(at -> described.put("startedAt", at.toString()));
        session.endedAt().ifPresent(at -> described.put("endedAt", at.toString()));
        session.idleSince().ifPresent(at -> described.put("idleSince", at.toString()));
        applications.find(session.applicationId())
                .map(application -> application.configuration().document().get("networkConfiguration"))
                .ifPresent(network -> described.set("networkConfiguration", network));
        ObjectNode tagMap = described.putObject("tags");
        tags.tagsOf(session.arn()).forEach(tagMap::put);
        Instant now = clock.instant();
        List<WorkerRecord> workers = sessions.workersOf(session.id());
        described.set("totalResourceUtilization", Outputs.utilization(Meter.total(workers, now)));
        if (session.state().isTerminal()) {
            described.set("billedResourceUtilization", Outputs.utilization(Meter.billed(workers, now)));
        }
        described.put("totalExecutionDurationSeconds", session.startedAt()
                .map(started -> Math.max(0, Duration.between(started, session.endedAt().orElse(now)).toSeconds()))
                .orElse(0L));
        return output;
    }

    private ObjectNode list(OperationCall call)
    {
        ObjectNode input = call.input();
        Page<Session> page = sessions.list(Inputs.applicationId(input), Inputs.enumSet(input.get("states"), SessionState.class),
                Inputs.optionalInstant(input, "createdAtAfter"), Inputs.optionalInstant(input, "createdAtBefore"),
                Inputs.optionalText(input, "nextToken"), Inputs.optionalInt(input, "maxResults"));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        ArrayNode summaries = output.putArray("sessions");
        page.items().forEach(session -> summary(session, summaries.addObject()));
        page.nextToken().ifPresent(token -> output.put("nextToken", token));
        return output;
    }

    private ObjectNode terminate(OperationCall call)
    {
        ApplicationId applicationId = Inputs.applicationId(call.input());
        SessionId id = sessionId(call.input());
        sessions.terminate(applicationId, id);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("applicationId", applicationId.value());
        output.put("sessionId", id.value());
        return output;
    }

    private ObjectNode endpoint(OperationCall call)
    {
        ApplicationId applicationId = Inputs.applicationId(call.input());
        SessionId id = sessionId(call.input());
        SessionService.Endpoint endpoint = sessions.endpoint(applicationId, id);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("applicationId", applicationId.value());
        output.put("sessionId", id.value());
        output.put("endpoint", gatewayEndpoint.get().toString());
        output.put("authToken", endpoint.token());
        output.put("authTokenExpiresAt", endpoint.expiresAt().toString());
        return output;
    }

    private ObjectNode dashboard(OperationCall call)
    {
        Session session = sessions.get(Inputs.applicationId(call.input()), new SessionId(call.input().path("resourceId").asText()));
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        if (session.driverRef().isPresent()) {
            output.put("url", dashboardUrl.apply(session));
        }
        return output;
    }

    private static ObjectNode summary(Session session, ObjectNode target)
    {
        target.put("applicationId", session.applicationId().value());
        target.put("sessionId", session.id().value());
        target.put("arn", session.arn());
        session.spec().name().ifPresent(name -> target.put("name", name));
        target.put("state", session.state().name());
        target.put("stateDetails", session.stateDetails());
        target.put("releaseLabel", session.releaseLabel());
        target.put("executionRoleArn", session.spec().executionRoleArn());
        target.put("createdBy", session.createdBy());
        target.put("createdAt", session.createdAt().toString());
        target.put("updatedAt", session.updatedAt().toString());
        return target;
    }

    private static SessionId sessionId(ObjectNode input)
    {
        return new SessionId(input.path("sessionId").asText());
    }
}
