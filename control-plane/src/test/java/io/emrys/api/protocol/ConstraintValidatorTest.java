package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.shapes.StructureShape;

@Timeout(30)
class ConstraintValidatorTest
{
    private static final Model MODEL = SmithyModels.emrServerless();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ConstraintValidator validator = new ConstraintValidator(MODEL);

    @Test
    void acceptsValidCreateApplicationInput()
            throws Exception
    {
        assertThat(validate("{\"name\":\"app\",\"releaseLabel\":\"emr-7.0.0\",\"type\":\"SPARK\",\"clientToken\":\"t\"}")).isEmpty();
    }

    @Test
    void reportsMissingRequiredMembersInAwsWording()
            throws Exception
    {
        List<Violation> violations = validate("{\"name\":\"app\"}");

        assertThat(ValidationStyle.AWS.document(violations).path("message").asText())
                .isEqualTo("3 validation errors detected: "
                        + "Value null at 'releaseLabel' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'type' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'clientToken' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void validatesNestedMapValuesWithTheirPath()
            throws Exception
    {
        List<Violation> violations = validate("{\"releaseLabel\":\"emr-7.0.0\",\"type\":\"SPARK\",\"clientToken\":\"t\","
                + "\"initialCapacity\":{\"DRIVER\":{\"workerCount\":0,\"workerConfiguration\":{\"cpu\":\"2 vCPU\",\"memory\":\"4 GB\"}}}}");

        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).path()).containsExactly("initialCapacity", "DRIVER", "workerCount");
        assertThat(ValidationStyle.AWS.describe(violations.get(0)))
                .isEqualTo("Value '0' at 'initialCapacity.DRIVER.workerCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertThat(ValidationStyle.SMITHY_FRAMEWORK.describe(violations.get(0)))
                .isEqualTo("Value at '/initialCapacity/DRIVER/workerCount' failed to satisfy constraint: Member must be between 1 and 1000000, inclusive");
    }

    @Test
    void countsStringLengthInCodePoints()
            throws Exception
    {
        String name = "\uD83D\uDC4D".repeat(64);
        assertThat(validate("{\"name\":\"" + name + "\",\"releaseLabel\":\"emr-7.0.0\",\"type\":\"SPARK\",\"clientToken\":\"t\"}"))
                .extracting(Violation::constraint)
                .containsExactly("Member must satisfy regular expression pattern: ^[A-Za-z0-9._/#-]+$");
    }

    private List<Violation> validate(String json)
            throws Exception
    {
        StructureShape input = MODEL.expectShape(ShapeId.from("com.amazonaws.emrserverless#CreateApplicationRequest"), StructureShape.class);
        return validator.validate(input, (ObjectNode) MAPPER.readTree(json));
    }
}
