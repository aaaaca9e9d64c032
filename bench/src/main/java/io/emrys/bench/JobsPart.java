package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.EmrysProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.GetJobRunRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The jobs part of a run: cold job runs against raw Spark ({@link ColdStartBenchmark}), then GetJobRun at a fixed
 * rate against one finished run ({@link OpenLoopLoad}) with the AWS SDK and with the light signed client, and the
 * control plane's memory around both.
 */
final class JobsPart
{
    private static final String BUCKET = "bench";

    /**
     * @param headroomRate a second, lower rate for the light client; 0 skips it
     * @param jfr where to write a flight recording of the control plane during the load, if anywhere
     */
    record Settings(int warmupRounds, int runs, OpenLoopLoad.Settings load, int headroomRate, Optional<Path> jfr)
    {
        Settings
        {
            requireNonNull(load, "load is null");
            requireNonNull(jfr, "jfr is null");
        }
    }

    record Results(ColdStartBenchmark.Results cold, List<OpenLoopLoad.Result> latency, MarkdownReport.ServerMemory memory, List<String> rawCommand)
    {
        Results
        {
            requireNonNull(cold, "cold is null");
            latency = List.copyOf(latency);
            requireNonNull(memory, "memory is null");
            rawCommand = List.copyOf(rawCommand);
        }
    }

    private final Settings settings;
    private final SparkRuntime runtime;
    private final Path jar;
    private final String mainClass;
    private final int driverCores;
    private final MemorySize driverMemory;
    private final Path scratch;

    JobsPart(Settings settings, SparkRuntime runtime, Path jar, String mainClass, int driverCores, MemorySize driverMemory, Path scratch)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.jar = requireNonNull(jar, "jar is null");
        this.mainClass = requireNonNull(mainClass, "mainClass is null");
        this.driverCores = driverCores;
        this.driverMemory = requireNonNull(driverMemory, "driverMemory is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    /** @param idle the control plane's status before anything ran, for the memory table */
    Results run(EmrysProcess server, Optional<ProcStatus> idle)
            throws IOException, InterruptedException
    {
        List<OpenLoopLoad.Result> latency = new ArrayList<>();
        RawSparkRunner raw = new RawSparkRunner(runtime, jar, mainClass, driverCores, driverMemory, scratch.resolve("raw"));
        try (EmrServerlessClient client = Clients.serverless(server.apiEndpoint(), server.rootKey(), settings.load().threads());
                S3Client s3 = Clients.s3(server.objectStoreEndpoint(), server.rootKey())) {
            s3.createBucket(request -> request.bucket(BUCKET));
            s3.putObject(request -> request.bucket(BUCKET).key("jars/test-jobs.jar"), RequestBody.fromFile(jar));
            String applicationId = client.createApplication(request -> request.name("bench").releaseLabel(runtime.releaseLabel().label()).type("SPARK"))
                    .applicationId();

            List<String> freshApplications = new ArrayList<>();
            String parameters = "--class %s --driver-cores %d --driver-memory %s".formatted(mainClass, driverCores, driverMemory.toSparkString());
            ColdStartBenchmark coldStarts = new ColdStartBenchmark(new EmrysJobRunner(client, server.dataDir(), applicationId, server.executionRoleArn()), raw,
                    jar.toString(), "s3://" + BUCKET + "/jars/test-jobs.jar", parameters,
                    () -> {
                        String fresh = client.createApplication(request -> request.name("bench-fresh").releaseLabel(runtime.releaseLabel().label()).type("SPARK"))
                                .applicationId();
                        freshApplications.add(fresh);
                        return new EmrysJobRunner(client, server.dataDir(), fresh, server.executionRoleArn());
                    });
            ColdStartBenchmark.Results cold = coldStarts.run(settings.warmupRounds(), settings.runs());
            // their standalone hosts would otherwise idle beside the load below until auto-stop
            freshApplications.forEach(fresh -> client.stopApplication(request -> request.applicationId(fresh)));
            Optional<ProcStatus> afterCold = ProcStatus.of(server.pid());

            OpenLoopLoad load = new OpenLoopLoad(settings.load(), server.pid());
            GetJobRunRequest getJobRun = GetJobRunRequest.builder().applicationId(applicationId).jobRunId(cold.finishedJobRunId()).build();
            Optional<FlightRecording> recording = settings.jfr().map(file -> new FlightRecording(server.pid()));
            if (recording.isPresent()) {
                recording.get().start();
            }
            System.err.println("emrys-bench: GetJobRun load with the AWS SDK (apache client)");
            latency.add(load.run("AWS SDK v2, apache client", () -> client.getJobRun(getJobRun)));
            System.err.println("emrys-bench: GetJobRun load with SigV4-signed JDK HttpClient requests");
            SignedJdkGetJobRun light = new SignedJdkGetJobRun(server.apiEndpoint(), server.rootKey(), applicationId, cold.finishedJobRunId());
            // the same load signed by an IAM user: every call also finds and evaluates the user's policies (root skips
            // them); root and user alternate twice, so that warm-up and the machine's other work fall on both alike
            AwsBasicCredentials user = Clients.userAllowedTo(server.apiEndpoint(), server.rootKey(), "bench-reader", "emr-serverless:GetJobRun",
                    "arn:aws:emr-serverless:*:*:/applications/" + applicationId + "/jobruns/*");
            SignedJdkGetJobRun authorized = new SignedJdkGetJobRun(server.apiEndpoint(), user, applicationId, cold.finishedJobRunId());
            for (int round = 0; round < 2; round++) {
                latency.add(load.run("SDK signer + JDK HttpClient", light));
                System.err.println("emrys-bench: GetJobRun load signed by an IAM user (policies evaluated)");
                latency.add(load.run("SDK signer + JDK HttpClient, IAM user (policy evaluated)", authorized));
            }
            if (settings.headroomRate() > 0) {
                System.err.println("emrys-bench: GetJobRun load at " + settings.headroomRate() + " req/s with the light client");
                OpenLoopLoad lighter = new OpenLoopLoad(new OpenLoopLoad.Settings(settings.headroomRate(), settings.load().warmup(),
                        settings.load().duration(), settings.load().threads()), server.pid());
                latency.add(lighter.run("SDK signer + JDK HttpClient", light));
            }
            if (recording.isPresent()) {
                Path file = settings.jfr().orElseThrow();
                recording.get().stop(file);
                System.err.println("emrys-bench: flight recording of the control plane in " + file.toAbsolutePath());
            }
            return new Results(cold, latency, new MarkdownReport.ServerMemory(idle, afterCold, ProcStatus.of(server.pid())), raw.command());
        }
    }
}
