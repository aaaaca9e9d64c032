package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.shapes.StructureShape;
import software.amazon.smithy.model.traits.DefaultTrait;
import software.amazon.smithy.model.traits.HttpQueryTrait;
import software.amazon.smithy.model.traits.LengthTrait;
import software.amazon.smithy.model.traits.RangeTrait;

/**
 * The differences between the April-2025 model plus Emrys's hand-written session file and AWS's April-2026
 * model that change what the front door accepts or returns. AWS's model wins on each.
 */
@Timeout(60)
class EmrServerlessModelChangesTest
{
    private static final String NAMESPACE = "com.amazonaws.emrserverless";
    private static final Model MODEL = SmithyModels.emrServerless();

    @Test
    void cancelJobRunTakesAnOptionalShutdownGracePeriodInTheQuery()
    {
        MemberShape member = member("CancelJobRunRequest", "shutdownGracePeriodInSeconds");

        assertThat(member.expectTrait(HttpQueryTrait.class).getValue()).isEqualTo("shutdownGracePeriodInSeconds");
        // the member's @default(null) cancels any default: an absent grace period stays absent
        assertThat(member.getTrait(DefaultTrait.class).map(trait -> trait.toNode().isNullNode())).contains(true);
        assertThat(MODEL.expectShape(member.getTarget()).isIntegerShape()).isTrue();
    }

    @Test
    void entryPointArgumentsAreCappedAtTenTwentyFourButEachArgumentIsUnbounded()
    {
        Shape arguments = MODEL.expectShape(ShapeId.fromParts(NAMESPACE, "EntryPointArguments"));
        Shape argument = MODEL.expectShape(ShapeId.fromParts(NAMESPACE, "EntryPointArgument"));

        assertThat(arguments.expectTrait(LengthTrait.class).getMax()).contains(1024L);
        assertThat(argument.expectTrait(LengthTrait.class).getMin()).contains(1L);
        assertThat(argument.expectTrait(LengthTrait.class).getMax()).isEmpty();
    }

    @Test
    void sessionIdleTimeoutIsADurationWithoutADefault()
    {
        // the hand-written file named the target SessionIdleTimeout; AWS's Duration has the same range
        MemberShape member = member("StartSessionRequest", "idleTimeoutMinutes");
        Shape target = MODEL.expectShape(member.getTarget());

        assertThat(target.getId().getName()).isEqualTo("Duration");
        assertThat(target.expectTrait(RangeTrait.class).getMax().map(Number::longValue)).contains(1_000_000L);
        assertThat(member.getTrait(DefaultTrait.class).map(trait -> trait.toNode().isNullNode())).contains(true);
    }

    @Test
    void sessionShapesCarryAwsNames()
    {
        assertThat(member("Session", "stateDetails").getTarget().getName()).isEqualTo("String1024");
        assertThat(member("GetSessionEndpointResponse", "endpoint").getTarget().getName()).isEqualTo("EndpointUrl");
        assertThat(member("ListSessionsResponse", "sessions").getTarget().getName()).isEqualTo("Sessions");
        assertThat(member("GetResourceDashboardRequest", "resourceId").getTarget().getName()).isEqualTo("ResourceId");
    }

    @Test
    void applicationsAndJobRunsGainMembersEmrysDoesNotActOn()
    {
        for (String structure : new String[] {"CreateApplicationRequest", "UpdateApplicationRequest", "Application"}) {
            assertThat(optionalMember(structure, "diskEncryptionConfiguration")).as(structure).isPresent();
            assertThat(optionalMember(structure, "identityCenterConfiguration")).as(structure).isPresent();
            assertThat(optionalMember(structure, "jobLevelCostAllocationConfiguration")).as(structure).isPresent();
        }
        assertThat(optionalMember("ConfigurationOverrides", "diskEncryptionConfiguration")).isPresent();
        assertThat(optionalMember("StartJobRunRequest", "executionIamPolicy")).isPresent();
        assertThat(optionalMember("JobRun", "executionIamPolicy")).isPresent();
    }

    private static MemberShape member(String structure, String name)
    {
        return optionalMember(structure, name).orElseThrow();
    }

    private static Optional<MemberShape> optionalMember(String structure, String name)
    {
        return MODEL.expectShape(ShapeId.fromParts(NAMESPACE, structure), StructureShape.class).getMember(name);
    }
}
