package io.emrys.api.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.compute.nodes.InstanceTypes;
import io.emrys.testing.ClientProcess;
import io.emrys.testing.PythonEnvironment;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;
import software.amazon.awssdk.services.emr.model.ListSupportedInstanceTypesResponse;
import software.amazon.awssdk.services.emr.model.SupportedInstanceType;

/**
 * ListSupportedInstanceTypes through the AWS SDK for Java v2 and boto3, DescribeJobFlows through boto3 (SDK v2 dropped
 * the deprecated operation), against the real server (no cluster is started here: DescribeJobFlows' shape of stored clusters is JobFlowDescriptionsTest's, and
 * AirflowClusterDagIntegrationTest's on a real one).
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmrInstanceTypesAndJobFlowsIntegrationTest
{
    private TestingEmrys emrys;
    private EmrClient emr;
    private String releaseLabel;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        emr = emrys.emrClient();
        releaseLabel = emr.listReleaseLabels(request -> {}).releaseLabels().get(0);
    }

    @AfterAll
    void stopServer()
    {
        emr.close();
        emrys.close();
    }

    @Test
    void theSdksPaginatorListsTheWholeInstanceCatalogWithAwssFigures()
    {
        List<ListSupportedInstanceTypesResponse> pages = emr.listSupportedInstanceTypesPaginator(request -> request.releaseLabel(releaseLabel))
                .stream().toList();
        List<SupportedInstanceType> types = pages.stream().flatMap(page -> page.supportedInstanceTypes().stream()).toList();

        assertThat(pages).as("the SDK followed the Marker").hasSizeGreaterThan(1);

        assertThat(types).extracting(SupportedInstanceType::type)
                .containsExactlyElementsOf(new InstanceTypes().all().stream().map(type -> type.name()).toList());
        SupportedInstanceType r5d = types.stream().filter(type -> type.type().equals("r5d.4xlarge")).findFirst().orElseThrow();
        assertThat(r5d.memoryGB()).isEqualTo(128f);
        assertThat(r5d.vcpu()).isEqualTo(16);
        assertThat(r5d.storageGB()).isEqualTo(600);
        assertThat(r5d.numberOfDisks()).isEqualTo(2);
        assertThat(r5d.ebsStorageOnly()).isFalse();
        assertThat(r5d.instanceFamilyId()).isEqualTo("r5d");
        assertThat(r5d.architecture()).isEqualTo("x86_64");
        assertThat(r5d.is64BitsOnly()).isTrue();
        assertThat(r5d.ebsOptimizedAvailable()).isTrue();
        assertThat(r5d.ebsOptimizedByDefault()).isTrue();
    }

    @Test
    void aReleaseLabelThisServerDoesNotServeIsAnInvalidRequestException()
    {
        assertThatThrownBy(() -> emr.listSupportedInstanceTypes(request -> request.releaseLabel("emr-0.0.1")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("emr-0.0.1").contains(releaseLabel));
        assertThatThrownBy(() -> emr.listSupportedInstanceTypes(request -> request.releaseLabel(releaseLabel).marker("not a marker!")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void boto3PaginatesTheCatalogAndCallsDescribeJobFlows()
            throws Exception
    {
        Path script = Path.of(getClass().getResource("/clients/boto3_emr_listings.py").toURI());
        Map<String, String> environment = ClientProcess.environment("unused", "unused", emrys.dataDir());
        environment.remove("AWS_ACCESS_KEY_ID");
        environment.remove("AWS_SECRET_ACCESS_KEY");
        environment.put("AWS_CONFIG_FILE", emrys.server().awsConfigFile().toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", emrys.server().awsCredentialsFile().toString());

        ClientProcess.Result result = ClientProcess.run(List.of(PythonEnvironment.python(), script.toString(), releaseLabel), environment,
                Duration.ofMinutes(2));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        JsonNode listed = new ObjectMapper().readTree(result.stdout().lines().reduce((first, last) -> last).orElseThrow());
        int catalog = new InstanceTypes().all().size();
        assertThat(listed.path("types")).hasSize(catalog);
        assertThat(listed.path("pageSizes").size()).as("the Marker took boto3 through more than one page").isGreaterThan(1);
        JsonNode graviton = listed.path("types").findParents("Type").stream().filter(type -> type.path("Type").asText().equals("m7g.2xlarge"))
                .findFirst().orElseThrow();
        assertThat(graviton.path("Architecture").asText()).isEqualTo("arm64");
        assertThat(graviton.path("MemoryGB").asDouble()).isEqualTo(32.0);
        assertThat(graviton.path("EbsStorageOnly").asBoolean()).isTrue();
        assertThat(listed.path("unknownLabel").path("code").asText()).isEqualTo("InvalidRequestException");
        assertThat(listed.path("jobFlows")).isEmpty();
        assertThat(listed.path("byId")).isEmpty();
        assertThat(listed.path("byStateAndDate")).isEmpty();
    }
}
