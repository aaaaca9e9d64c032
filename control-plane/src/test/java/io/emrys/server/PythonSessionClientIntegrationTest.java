package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.compute.runtime.ReleasePins;
import io.emrys.testing.PythonEnvironment;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AWS's documented Python session flow ({@code clients/aws_session_flow.py}), unchanged but for IDs, region and
 * environment, through the TLS gateway on port 443 of its own loopback address (127.0.0.2, named in the gateway's
 * certificate), so GetSessionEndpoint returns an endpoint without a port and the flow's {@code ":443"} reaches it.
 * With the matching PySpark client of each line from PyPI: pyspark-client 4.0.1 against {@code emr-spark-8.0}, and
 * PySpark 3.5.5 against {@code emr-7.13.0}, pinned to 3.5.5 because this machine's Maven mirror has no Connect server
 * of 3.5.6. Binding port 443 needs root or {@code net.ipv4.ip_unprivileged_port_start=443} (see the README).
 */
@Tag("pyspark")
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonSessionClientIntegrationTest
{
    private static final String GATEWAY_ADDRESS = "127.0.0.2";
    private static final String BUCKET = "notebooks";

    private TestingEmrys emrys;
    private EmrServerlessClient client;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(), config -> config.withGatewayAddress(GATEWAY_ADDRESS, 443)
                .withRuntimes(ReleasePins.parse(List.of("emr-7.13.0=3.5.5")), false));
        client = emrys.serverlessClient();
        try (S3Client s3 = emrys.s3Client()) {
            s3.createBucket(request -> request.bucket(BUCKET));
        }
    }

    @AfterAll
    void stopServer()
    {
        client.close();
        emrys.close();
    }

    @Test
    void awsDocumentedFlowRunsWithPySparkClient40OnEmrSpark80()
            throws Exception
    {
        String output = runFlow(PythonEnvironment.spark40Python(), "emr-spark-8.0", "4.0.1");

        assertThat(output).contains("ok: the endpoint has no port, as AWS's (https://127.0.0.2)").contains("ok: a Python UDF").contains("aws session flow passed");
    }

    @Test
    void awsDocumentedFlowRunsWithPySpark35OnAPinnedEmr713()
            throws Exception
    {
        assertThat(emrys.server().releaseNotes()).as("the startup output names each pin")
                .anySatisfy(note -> assertThat(note).contains("emr-7.13.0").contains("3.5.5").contains("pinned").contains("3.5.6"));

        String output = runFlow(PythonEnvironment.spark35Python(), "emr-7.13.0", "3.5.5");

        assertThat(output).contains("ok: the server runs Spark 3.5.5").contains("ok: a Python UDF").contains("aws session flow passed");
        assertThat(client.listApplications(request -> request.maxResults(50)).applications())
                .filteredOn(summary -> "emr-7.13.0".equals(summary.releaseLabel())).singleElement()
                .satisfies(summary -> assertThat(summary.stateDetails()).as("GetApplication says what runs instead of AWS's version")
                        .contains("Apache Spark 3.5.5").contains("pinned").contains("3.5.6"));
    }

    private String runFlow(String python, String releaseLabel, String sparkVersion)
            throws Exception
    {
        Path script = Path.of(getClass().getResource("/clients/aws_session_flow.py").toURI());
        ProcessBuilder builder = new ProcessBuilder(python, script.toString(), releaseLabel, sparkVersion, BUCKET).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SPARK_") || name.startsWith("PYSPARK") || name.startsWith("PYTHON"));
        environment.put("AWS_CONFIG_FILE", emrys.server().awsConfigFile().toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", emrys.server().awsCredentialsFile().toString());
        environment.put("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH", emrys.dataDir().resolve("tls/ca.pem").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
