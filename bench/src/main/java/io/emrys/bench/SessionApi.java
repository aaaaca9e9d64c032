package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The interactive-session operations of the EMR Serverless API (StartSession, GetSession, GetSessionEndpoint,
 * TerminateSession) and CreateApplication with {@code interactiveConfiguration.sessionEnabled}, none of which the
 * AWS SDK for Java of our version models: SigV4-signed JSON over the JDK HTTP client, as the AWS CLI would send it.
 */
final class SessionApi
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final URI endpoint;
    private final AwsCredentialsIdentity identity;
    private final String executionRoleArn;

    /** @param executionRoleArn the server's standard execution role ({@code EmrysProcess.executionRoleArn()}) */
    SessionApi(URI endpoint, AwsBasicCredentials credentials, String executionRoleArn)
    {
        this.executionRoleArn = requireNonNull(executionRoleArn, "executionRoleArn is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.identity = AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
    }

    /** What GetSessionEndpoint answers: the gateway URL ({@code https://localhost:PORT}) and the session's token. */
    record Endpoint(URI url, String authToken)
    {
        Endpoint
        {
            requireNonNull(url, "url is null");
            requireNonNull(authToken, "authToken is null");
        }
    }

    /** Creates an application with sessions enabled and starts it, so that no session pays for the application's start. */
    String createStartedApplication(String name, String releaseLabel)
            throws IOException, InterruptedException
    {
        ObjectNode application = JSON.createObjectNode().put("name", name).put("releaseLabel", releaseLabel).put("type", "SPARK")
                .put("clientToken", UUID.randomUUID().toString());
        application.putObject("interactiveConfiguration").put("sessionEnabled", true);
        String applicationId = send("POST", "/applications", application).path("applicationId").asText();
        send("POST", "/applications/" + applicationId + "/start", null);
        return applicationId;
    }

    /**
     * CreateApplication for the capacity benchmark: auto-stop off (the runs of one part are minutes apart from the
     * next part's), sessions enabled or not, and optionally pre-initialized capacity of one driver and one executor
     * of the given size. Returns the application id; the application is CREATED, not started.
     */
    String createApplication(String name, String releaseLabel, boolean sessionEnabled, Optional<WorkerSize> initialCapacity)
            throws IOException, InterruptedException
    {
        ObjectNode application = JSON.createObjectNode().put("name", name).put("releaseLabel", releaseLabel).put("type", "SPARK")
                .put("clientToken", UUID.randomUUID().toString());
        application.putObject("autoStopConfiguration").put("enabled", false);
        if (sessionEnabled) {
            application.putObject("interactiveConfiguration").put("sessionEnabled", true);
        }
        if (initialCapacity.isPresent()) {
            ObjectNode capacity = application.putObject("initialCapacity");
            for (String workerType : List.of("DRIVER", "EXECUTOR")) {
                capacity.putObject(workerType).put("workerCount", 1).putObject("workerConfiguration")
                        .put("cpu", initialCapacity.get().cpu()).put("memory", initialCapacity.get().memory());
            }
        }
        return send("POST", "/applications", application).path("applicationId").asText();
    }

    /**
     * CreateApplication with sessions enabled, auto-stop off and the given maximumCapacity ({@code "100 vCPU"},
     * {@code "400 GB"}), then StartApplication; returns the application id.
     */
    String createStartedSessionApplication(String name, String releaseLabel, String maximumCpu, String maximumMemory)
            throws IOException, InterruptedException
    {
        ObjectNode application = JSON.createObjectNode().put("name", name).put("releaseLabel", releaseLabel).put("type", "SPARK")
                .put("clientToken", UUID.randomUUID().toString());
        application.putObject("autoStopConfiguration").put("enabled", false);
        application.putObject("interactiveConfiguration").put("sessionEnabled", true);
        application.putObject("maximumCapacity").put("cpu", maximumCpu).put("memory", maximumMemory);
        String applicationId = send("POST", "/applications", application).path("applicationId").asText();
        send("POST", "/applications/" + applicationId + "/start", null);
        return applicationId;
    }

    /** The size of one worker as CreateApplication spells it: {@code "1 vCPU"}, {@code "1 GB"}. */
    record WorkerSize(String cpu, String memory)
    {
        WorkerSize
        {
            requireNonNull(cpu, "cpu is null");
            requireNonNull(memory, "memory is null");
        }
    }

    void startApplication(String applicationId)
            throws IOException, InterruptedException
    {
        send("POST", "/applications/" + applicationId + "/start", null);
    }

    void stopApplication(String applicationId)
            throws IOException, InterruptedException
    {
        send("POST", "/applications/" + applicationId + "/stop", null);
    }

    String applicationState(String applicationId)
            throws IOException, InterruptedException
    {
        return send("GET", "/applications/" + applicationId, null).path("application").path("state").asText();
    }

    /** Polls GetApplication every 100 ms until the state is reached; fails fast on TERMINATED, and after the timeout. */
    void awaitApplicationState(String applicationId, String state, Duration timeout)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String current = applicationState(applicationId);
            if (current.equals(state)) {
                return;
            }
            if (current.equals("TERMINATED") || System.nanoTime() > deadline) {
                throw new IllegalStateException("application " + applicationId + " is " + current + ", not " + state + " (waited up to " + timeout + ")");
            }
            Thread.sleep(100);
        }
    }

    /** StartSession with the given Spark properties in the session's {@code spark-defaults}; returns the session id. */
    String startSession(String applicationId, Map<String, String> sparkDefaults)
            throws IOException, InterruptedException
    {
        ObjectNode start = JSON.createObjectNode().put("executionRoleArn", executionRoleArn).put("name", "bench").put("clientToken", UUID.randomUUID().toString());
        ObjectNode properties = start.putObject("configurationOverrides").putArray("runtimeConfiguration").addObject()
                .put("classification", "spark-defaults").putObject("properties");
        sparkDefaults.forEach(properties::put);
        return send("POST", "/applications/" + applicationId + "/sessions", start).path("sessionId").asText();
    }

    String state(String applicationId, String sessionId)
            throws IOException, InterruptedException
    {
        return send("GET", "/applications/" + applicationId + "/sessions/" + sessionId, null).path("session").path("state").asText();
    }

    Endpoint endpoint(String applicationId, String sessionId)
            throws IOException, InterruptedException
    {
        JsonNode answer = send("GET", "/applications/" + applicationId + "/sessions/" + sessionId + "/endpoint", null);
        return new Endpoint(URI.create(answer.path("endpoint").asText()), answer.path("authToken").asText());
    }

    void terminate(String applicationId, String sessionId)
            throws IOException, InterruptedException
    {
        send("DELETE", "/applications/" + applicationId + "/sessions/" + sessionId, null);
    }

    private JsonNode send(String method, String path, JsonNode body)
            throws IOException, InterruptedException
    {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        URI uri = endpoint.resolve(path);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        if (body != null) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        SignedRequest signed = signer.sign(request -> request
                .identity(identity)
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromInputStreamSupplier(() -> new ByteArrayInputStream(bytes)))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "emr-serverless"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }
}
