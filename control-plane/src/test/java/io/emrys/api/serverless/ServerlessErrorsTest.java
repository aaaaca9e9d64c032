package io.emrys.api.serverless;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.api.protocol.SmithyModels;
import io.emrys.error.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ShapeId;

@Timeout(60)
class ServerlessErrorsTest
{
    @Test
    void everyErrorCodeNamesAnErrorTheModelDeclares()
    {
        Model model = SmithyModels.emrServerless();
        Set<String> declared = new HashSet<>();
        for (OperationShape operation : TopDownIndex.of(model).getContainedOperations(SmithyModels.EMR_SERVERLESS)) {
            operation.getErrors().stream().map(ShapeId::getName).forEach(declared::add);
        }
        ServerlessErrors errors = new ServerlessErrors();

        for (ErrorCode code : ErrorCode.values()) {
            if (code == ErrorCode.ACCESS_DENIED) {
                continue;
            }
            assertThat(declared).as(code.name()).contains(errors.errorName(code));
        }
    }

    @Test
    void accessDeniedIsTheUnmodeledErrorAwsAnswersWith403()
    {
        Model model = SmithyModels.emrServerless();
        Set<String> declared = new HashSet<>();
        for (OperationShape operation : TopDownIndex.of(model).getContainedOperations(SmithyModels.EMR_SERVERLESS)) {
            operation.getErrors().stream().map(ShapeId::getName).forEach(declared::add);
        }

        // the model declares no access error, but the service answers a denied call with this code (SDKs see a 403)
        assertThat(new ServerlessErrors().errorName(ErrorCode.ACCESS_DENIED)).isEqualTo("AccessDeniedException");
        assertThat(declared).doesNotContain("AccessDeniedException");
    }

    @Test
    void startSessionDeclaresTheQuotaErrorSessionsRaise()
    {
        Model model = SmithyModels.emrServerless();
        OperationShape startSession = model.expectShape(ShapeId.from("com.amazonaws.emrserverless#StartSession"), OperationShape.class);

        assertThat(startSession.getErrors()).extracting(ShapeId::getName)
                .contains(new ServerlessErrors().errorName(ErrorCode.SERVICE_QUOTA_EXCEEDED));
    }
}
