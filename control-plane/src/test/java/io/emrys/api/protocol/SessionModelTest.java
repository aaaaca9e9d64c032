package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ResourceShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.shapes.StructureShape;
import software.amazon.smithy.model.traits.HttpTrait;

/** The session operations come from AWS's April-2026 model itself, no longer from a file Emrys wrote. */
@Timeout(60)
class SessionModelTest
{
    private static final String NAMESPACE = "com.amazonaws.emrserverless";
    private static final Model MODEL = SmithyModels.emrServerless();

    @Test
    void serviceHasTwentyTwoOperationsWithTheSixSessionOperations()
    {
        assertThat(TopDownIndex.of(MODEL).getContainedOperations(SmithyModels.EMR_SERVERLESS))
                .extracting(OperationShape::getId)
                .extracting(ShapeId::getName)
                .contains("StartSession", "GetSession", "ListSessions", "TerminateSession", "GetSessionEndpoint", "GetResourceDashboard",
                        "StartJobRun", "CreateApplication")
                .hasSize(22);
    }

    @Test
    void sessionOperationsKeepTheHttpBindingsEmrysServed()
    {
        // the same routes the hand-written model had, so clients of earlier Emrys versions keep working
        Map<String, String> expected = Map.of(
                "StartSession", "POST /applications/{applicationId}/sessions",
                "GetSession", "GET /applications/{applicationId}/sessions/{sessionId}",
                "ListSessions", "GET /applications/{applicationId}/sessions",
                "TerminateSession", "DELETE /applications/{applicationId}/sessions/{sessionId}",
                "GetSessionEndpoint", "GET /applications/{applicationId}/sessions/{sessionId}/endpoint",
                "GetResourceDashboard", "GET /applications/{applicationId}/dashboard");
        expected.forEach((name, route) -> {
            HttpTrait http = MODEL.expectShape(ShapeId.fromParts(NAMESPACE, name), OperationShape.class).expectTrait(HttpTrait.class);
            assertThat(http.getMethod() + " " + http.getUri()).as(name).isEqualTo(route);
            assertThat(http.getCode()).as(name).isEqualTo(200);
        });
    }

    @Test
    void sessionsAreAResourceOfTheServiceAndDashboardsBelongToApplications()
    {
        ResourceShape sessions = MODEL.expectShape(ShapeId.fromParts(NAMESPACE, "SessionResource"), ResourceShape.class);
        ResourceShape applications = MODEL.expectShape(ShapeId.fromParts(NAMESPACE, "ApplicationResource"), ResourceShape.class);

        assertThat(sessions.getCreate()).contains(ShapeId.fromParts(NAMESPACE, "StartSession"));
        assertThat(sessions.getDelete()).contains(ShapeId.fromParts(NAMESPACE, "TerminateSession"));
        assertThat(sessions.getIdentifiers()).containsKeys("applicationId", "sessionId");
        assertThat(applications.getOperations()).contains(ShapeId.fromParts(NAMESPACE, "GetResourceDashboard"));
    }

    @Test
    void interactiveConfigurationHasSessionEnabled()
    {
        assertThat(MODEL.expectShape(ShapeId.fromParts(NAMESPACE, "InteractiveConfiguration"), StructureShape.class).getMember("sessionEnabled"))
                .isPresent();
    }
}
