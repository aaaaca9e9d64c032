package io.emrys.api.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;

import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * The EMR API's refusals through the AWS SDK for Java v2's EmrClient, against the real server: requests that name
 * no cluster, ask for what this server cannot run or break the model's constraints fail with the error AWS sends,
 * and nothing is stored or started (no Spark process runs in this class).
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmrApiErrorsIntegrationTest
{
    private TestingEmrys emrys;
    private EmrClient emr;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        emr = emrys.emrClient();
    }

    @AfterAll
    void stopServer()
    {
        emr.close();
        emrys.close();
    }

    @Test
    void anUnknownClusterIdIsAnInvalidRequestException()
    {
        assertThatThrownBy(() -> emr.describeCluster(request -> request.clusterId("j-0000000000000")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cluster id 'j-0000000000000' is not valid.");
                });
        assertThatThrownBy(() -> emr.listSteps(request -> request.clusterId("j-0000000000000"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> emr.addJobFlowSteps(request -> request.jobFlowId("j-0000000000000").steps(step -> step.name("s")
                .actionOnFailure(ActionOnFailure.CONTINUE).hadoopJarStep(jar -> jar.jar("command-runner.jar").args("spark-submit", "x.py")))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> emr.terminateJobFlows(request -> request.jobFlowIds("j-0000000000000"))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anInstanceTypeOutsideTheCatalogIsAValidationExceptionAndNothingIsStored()
    {
        assertRefused(request -> request.name("bad-type").releaseLabel("emr-spark-8.0").instances(instances -> instances.instanceGroups(
                group -> group.instanceRole(InstanceRoleType.MASTER).instanceType("m5.xlarge").instanceCount(1),
                group -> group.instanceRole(InstanceRoleType.CORE).instanceType("x9.huge").instanceCount(2))), "x9.huge");
    }

    @Test
    void anApplicationThisServerCannotRunIsAValidationExceptionNamingIt()
    {
        assertRefused(request -> request.name("with-hbase").releaseLabel("emr-spark-8.0").applications(app -> app.name("Spark"), app -> app.name("HBase"))
                .instances(instances -> instances.masterInstanceType("m5.xlarge").instanceCount(1)), "HBase");
    }

    @Test
    void anUnknownReleaseLabelIsAValidationException()
    {
        assertRefused(request -> request.name("old").releaseLabel("emr-1.0.0").instances(instances -> instances.masterInstanceType("m5.xlarge")
                .instanceCount(1)), "emr-1.0.0");
    }

    @Test
    void aMissingRequiredMemberIsRefusedByTheModel()
    {
        assertThatThrownBy(() -> emr.runJobFlow(request -> request.releaseLabel("emr-spark-8.0").instances(instances -> instances.masterInstanceType("m5.xlarge"))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThat(emr.listClusters(request -> { }).clusters()).isEmpty();
    }

    @Test
    void releaseLabelsComeFromTheRuntimeCatalogNewestFirst()
    {
        assertThat(emr.listReleaseLabels(request -> { }).releaseLabels()).startsWith("emr-spark-8.0").contains("emr-7.9.0", "emr-7.2.0");
        assertThat(emr.listReleaseLabels(request -> request.filters(filter -> filter.prefix("emr-7.1"))).releaseLabels())
                .containsExactly("emr-7.13.0", "emr-7.12.0", "emr-7.11.0", "emr-7.10.0", "emr-7.1.0");
        assertThat(emr.describeReleaseLabel(request -> request.releaseLabel("emr-7.9.0")).applications())
                .extracting(application -> application.name() + " " + application.version())
                .as("Hive is the metastore client Spark 3.5 embeds").containsExactly("Spark 3.5.5", "Hive 2.3.9");
    }

    @Test
    void aConfigurationThisServerDoesNotApplyIsAValidationExceptionNamingItAndNothingIsStored()
    {
        assertRefused(request -> request.name("log4j").releaseLabel("emr-spark-8.0").applications(app -> app.name("Spark"), app -> app.name("Hive"))
                .configurations(configuration -> configuration.classification("spark-log4j2").properties(Map.of("rootLogger.level", "warn")))
                .instances(instances -> instances.masterInstanceType("m5.xlarge").instanceCount(1)), "Classification 'spark-log4j2' is not valid");
        assertRefused(request -> request.name("maximize").releaseLabel("emr-spark-8.0")
                .configurations(configuration -> configuration.classification("spark").properties(Map.of("maximizeResourceAllocation", "true")))
                .instances(instances -> instances.masterInstanceType("m5.xlarge").instanceCount(1)), "maximizeResourceAllocation");
        assertRefused(request -> request.name("nested").releaseLabel("emr-spark-8.0")
                .configurations(configuration -> configuration.classification("spark-env").configurations(nested -> nested.classification("exports")))
                .instances(instances -> instances.masterInstanceType("m5.xlarge").instanceCount(1)), "parent classification 'spark-env'");
    }

    @Test
    void scalingAndAutoTerminationOperationsOnAnUnknownClusterAreInvalidRequestExceptions()
    {
        assertThatThrownBy(() -> emr.addInstanceGroups(request -> request.jobFlowId("j-0000000000000").instanceGroups(
                group -> group.instanceRole(InstanceRoleType.TASK).instanceType("m5.xlarge").instanceCount(1))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Cluster id 'j-0000000000000' is not valid."));
        assertThatThrownBy(() -> emr.putAutoTerminationPolicy(request -> request.clusterId("j-0000000000000")
                .autoTerminationPolicy(policy -> policy.idleTimeout(3600L)))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> emr.getAutoTerminationPolicy(request -> request.clusterId("j-0000000000000"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> emr.removeAutoTerminationPolicy(request -> request.clusterId("j-0000000000000"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> emr.modifyCluster(request -> request.clusterId("j-0000000000000").stepConcurrencyLevel(2)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aStepConcurrencyLevelOutsideOneTo256IsAValidationExceptionAndNothingIsStored()
    {
        assertRefused(request -> request.name("too-many").releaseLabel("emr-spark-8.0").stepConcurrencyLevel(257)
                .instances(instances -> instances.masterInstanceType("m5.xlarge").instanceCount(1).keepJobFlowAliveWhenNoSteps(true)), "257");
        assertRefused(request -> request.name("none").releaseLabel("emr-spark-8.0").stepConcurrencyLevel(0)
                .instances(instances -> instances.masterInstanceType("m5.xlarge").instanceCount(1).keepJobFlowAliveWhenNoSteps(true)), "StepConcurrencyLevel");
    }

    @Test
    void anIdleTimeoutOutsideAwsBoundsIsAValidationExceptionAndNothingIsStored()
    {
        assertRefused(request -> request.name("too-short").releaseLabel("emr-spark-8.0").autoTerminationPolicy(policy -> policy.idleTimeout(59L))
                .instances(instances -> instances.masterInstanceType("m5.xlarge").instanceCount(1).keepJobFlowAliveWhenNoSteps(true)), "59");
        assertRefused(request -> request.name("too-long").releaseLabel("emr-spark-8.0").autoTerminationPolicy(policy -> policy.idleTimeout(604_801L))
                .instances(instances -> instances.masterInstanceType("m5.xlarge").instanceCount(1).keepJobFlowAliveWhenNoSteps(true)), "604801");
        assertRefused(request -> request.name("no-timeout").releaseLabel("emr-spark-8.0").autoTerminationPolicy(policy -> { })
                .instances(instances -> instances.masterInstanceType("m5.xlarge").instanceCount(1).keepJobFlowAliveWhenNoSteps(true)), "IdleTimeout");
    }

    private void assertRefused(Consumer<RunJobFlowRequest.Builder> request, String named)
    {
        assertThatThrownBy(() -> emr.runJobFlow(request))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(named);
                });
        assertThat(emr.listClusters(list -> { }).clusters()).as("nothing stored").isEmpty();
        assertThat(emrys.dataDir().resolve("clusters")).as("nothing started").doesNotExist();
    }
}
