package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.shapes.StructureShape;

@Timeout(60)
class SessionModelTest
{
    @Test
    void serviceGainsTheSixSessionOperationsAndSessionEnabled()
    {
        Model model = SmithyModels.emrServerlessWithSessions();

        assertThat(TopDownIndex.of(model).getContainedOperations(SmithyModels.EMR_SERVERLESS))
                .extracting(OperationShape::getId)
                .extracting(ShapeId::getName)
                .contains("StartSession", "GetSession", "ListSessions", "TerminateSession", "GetSessionEndpoint", "GetResourceDashboard",
                        "StartJobRun", "CreateApplication")
                .hasSize(22);
        assertThat(model.expectShape(ShapeId.from("com.amazonaws.emrserverless#InteractiveConfiguration"), StructureShape.class).getMember("sessionEnabled"))
                .isPresent();
    }
}
