package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.JobRunDao;
import io.emrys.store.Database;
import io.emrys.store.Transactions;
import io.emrys.testing.EmrysProcess;
import io.emrys.testing.EmrysServerCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.JobDriver;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.SparkSubmit;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Throughput and growth of the control plane (issue I item 5), no Spark per measured call: StartJobRun accepted per
 * minute while every new run waits QUEUED behind one long run of an application whose schedulerConfiguration allows
 * one at a time; then GetJobRun and ListJobRuns latency and the server's memory with 1k, 10k and 100k stored runs
 * (history written by {@link HistorySeeder} while the server is stopped, then loaded by a restart); and the idle
 * server's memory. Each server here has its own data folder and records no class-data archives.
 */
final class GrowthPart
{
    private static final String BUCKET = "growth";
    private static final List<String> FLAGS = List.of("--no-class-archive-recording");
    private static final Duration SETTLE = Duration.ofSeconds(10);

    /**
     * @param queuedSubmissions StartJobRun calls measured for the throughput (all end QUEUED)
     * @param historySizes stored runs at each growth step, ascending
     * @param calls measured calls per latency figure, after as many unmeasured ones
     */
    record Settings(int queuedSubmissions, int threads, List<Integer> historySizes, int calls)
    {
        Settings
        {
            historySizes = List.copyOf(historySizes);
        }
    }

    private record Throughput(int accepted, int queued, Duration elapsed, Optional<ProcStatus> idle, Optional<ProcStatus> after)
    {
        double perMinute()
        {
            return accepted * 60_000.0 / Math.max(1, elapsed.toMillis());
        }
    }

    private record Step(int storedRuns, Distribution getJobRun, Distribution listJobRuns, Distribution listSucceeded, Optional<ProcStatus> afterGc,
            OptionalLong heapUsedKb) {}

    private final Settings settings;
    private final EmrysServerCommand command;
    private final Path jar;
    private final Path scratch;

    GrowthPart(Settings settings, EmrysServerCommand command, Path jar, Path scratch)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.command = requireNonNull(command, "command is null");
        this.jar = requireNonNull(jar, "jar is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    String run()
            throws IOException, InterruptedException
    {
        Throughput throughput = throughput();
        List<Step> steps = growth();
        return render(throughput, steps);
    }

    private Throughput throughput()
            throws InterruptedException
    {
        List<String> flags = new ArrayList<>(FLAGS);
        flags.addAll(List.of("--max-queued-job-runs", Integer.toString(settings.queuedSubmissions() + 10)));
        try (EmrysProcess server = new EmrysProcess(command, scratch.resolve("growth-queue"), flags).start();
                EmrServerlessClient client = Clients.serverless(server.apiEndpoint(), server.rootKey(), settings.threads());
                S3Client s3 = Clients.s3(server.objectStoreEndpoint(), server.rootKey())) {
            Thread.sleep(SETTLE.toMillis());
            Optional<ProcStatus> idle = ProcStatus.of(server.pid());
            String entryPoint = upload(s3);
            String applicationId = client.createApplication(request -> request.name("growth-queue").releaseLabel(ReleaseLines.BASELINE_LABEL).type("SPARK")
                    .schedulerConfiguration(scheduler -> scheduler.maxConcurrentRuns(1).queueTimeoutMinutes(720))).applicationId();
            // the one run that holds the application's only slot for the whole measurement
            startRun(client, server, applicationId, entryPoint, "io.emrys.testjobs.SleepThenCount", List.of("3600"), "blocker");
            System.err.printf("emrys-bench: growth: %d StartJobRun calls from %d threads, each queued%n", settings.queuedSubmissions(), settings.threads());
            AtomicInteger next = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
            long started = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < settings.threads(); thread++) {
                workers.add(pool.submit(() -> {
                    for (int index = next.getAndIncrement(); index < settings.queuedSubmissions(); index = next.getAndIncrement()) {
                        startRun(client, server, applicationId, entryPoint, "io.emrys.testjobs.Trivial", List.of(), "queued-" + index);
                        accepted.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                }
                catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("StartJobRun failed during the throughput run", e.getCause());
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            Optional<ProcStatus> after = ProcStatus.of(server.pid());
            int queued = countQueued(client, applicationId);
            return new Throughput(accepted.get(), queued, elapsed, idle, after);
        }
    }

    private List<Step> growth()
            throws IOException, InterruptedException
    {
        Path data = scratch.resolve("growth-history");
        EmrysProcess server = new EmrysProcess(command, data, FLAGS).start();
        List<Step> steps = new ArrayList<>();
        try {
            String applicationId;
            String template;
            try (EmrServerlessClient client = Clients.serverless(server.apiEndpoint(), server.rootKey(), 1);
                    S3Client s3 = Clients.s3(server.objectStoreEndpoint(), server.rootKey())) {
                String entryPoint = upload(s3);
                applicationId = client.createApplication(request -> request.name("growth-history").releaseLabel(ReleaseLines.BASELINE_LABEL).type("SPARK"))
                        .applicationId();
                // one real finished run, the template of the stored history
                System.err.println("emrys-bench: growth: one real job run as the template of the stored history");
                template = startRun(client, server, applicationId, entryPoint, "io.emrys.testjobs.Trivial", List.of(), "template");
                awaitEnded(client, applicationId, template);
            }
            for (int size : settings.historySizes()) {
                server.close();
                JobRun stored = storedRun(data, template);
                int added = new HistorySeeder(data).growTo(stored, size);
                System.err.printf("emrys-bench: growth: %d stored runs (%d added); restarting the server%n", size, added);
                server.start();
                Thread.sleep(SETTLE.toMillis());
                List<String> ids = storedIds(data, applicationId);
                try (EmrServerlessClient client = Clients.serverless(server.apiEndpoint(), server.rootKey(), 1)) {
                    Random random = new Random(size);
                    Distribution get = measure(() -> client.getJobRun(request -> request.applicationId(applicationId)
                            .jobRunId(ids.get(random.nextInt(ids.size())))));
                    Distribution list = measure(() -> client.listJobRuns(request -> request.applicationId(applicationId).maxResults(50)));
                    Distribution succeeded = measure(() -> client.listJobRuns(request -> request.applicationId(applicationId).maxResults(50)
                            .statesWithStrings("SUCCESS")));
                    Optional<ProcStatus> afterGc = afterFullGc(server.pid());
                    steps.add(new Step(ids.size(), get, list, succeeded, afterGc, heapUsedKb(server.pid())));
                }
            }
            return steps;
        }
        finally {
            server.close();
        }
    }

    private Distribution measure(Supplier<?> call)
    {
        for (int i = 0; i < settings.calls(); i++) {
            call.get();
        }
        long[] micros = new long[settings.calls()];
        for (int i = 0; i < settings.calls(); i++) {
            long started = System.nanoTime();
            call.get();
            micros[i] = (System.nanoTime() - started) / 1_000;
        }
        return Distribution.of(micros);
    }

    private String upload(S3Client s3)
    {
        s3.createBucket(request -> request.bucket(BUCKET));
        s3.putObject(request -> request.bucket(BUCKET).key("jars/test-jobs.jar"), RequestBody.fromFile(jar));
        return "s3://" + BUCKET + "/jars/test-jobs.jar";
    }

    private static String startRun(EmrServerlessClient client, EmrysProcess server, String applicationId, String entryPoint, String mainClass,
            List<String> arguments, String token)
    {
        return client.startJobRun(request -> request.applicationId(applicationId).clientToken(token).executionRoleArn(server.executionRoleArn())
                .jobDriver(JobDriver.builder().sparkSubmit(SparkSubmit.builder().entryPoint(entryPoint).entryPointArguments(arguments)
                        .sparkSubmitParameters("--class " + mainClass + " --driver-cores 1 --driver-memory 1g").build()).build())).jobRunId();
    }

    private static void awaitEnded(EmrServerlessClient client, String applicationId, String jobRunId)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            JobRunState state = client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun().state();
            if (state == JobRunState.SUCCESS) {
                return;
            }
            if (state == JobRunState.FAILED || state == JobRunState.CANCELLED) {
                throw new IllegalStateException("the template job run ended " + state);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the template job run did not end within 5 minutes");
    }

    private static int countQueued(EmrServerlessClient client, String applicationId)
    {
        int queued = 0;
        String token = null;
        do {
            String page = token;
            var response = client.listJobRuns(request -> request.applicationId(applicationId).statesWithStrings("QUEUED").maxResults(50).nextToken(page));
            queued += response.jobRuns().size();
            token = response.nextToken();
        }
        while (token != null);
        return queued;
    }

    private static JobRun storedRun(Path data, String jobRunId)
    {
        return runs(data).stream().filter(run -> run.id().value().equals(jobRunId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no stored run " + jobRunId));
    }

    private static List<String> storedIds(Path data, String applicationId)
    {
        return runs(data).stream().filter(run -> run.applicationId().value().equals(applicationId)).map(run -> run.id().value()).toList();
    }

    private static List<JobRun> runs(Path data)
    {
        return new Transactions(Database.openSqlite(data.resolve("emrys.db"))).read(new JobRunDao(new ObjectMapper())::allRuns);
    }

    /** The server's resident memory after a full collection, so that what the history holds is not hidden by garbage. */
    private static Optional<ProcStatus> afterFullGc(long pid)
            throws IOException, InterruptedException
    {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gc.waitFor(1, TimeUnit.MINUTES);
        Thread.sleep(1000);
        return ProcStatus.of(pid);
    }

    /**
     * The heap in use right after the full collection ({@code jcmd GC.heap_info}: the used figures of the serial
     * collector's two generations), which is what the history holds without the heap's free room that RSS includes.
     */
    private static OptionalLong heapUsedKb(long pid)
            throws IOException, InterruptedException
    {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process info = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String output = new String(info.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        info.waitFor(1, TimeUnit.MINUTES);
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("(?m)^\\s*(def new generation|tenured generation)\\s+total \\d+K, used (\\d+)K").matcher(output);
        long total = 0;
        int found = 0;
        while (used.find()) {
            total += Long.parseLong(used.group(2));
            found++;
        }
        return found == 2 ? OptionalLong.of(total) : OptionalLong.empty();
    }

    private String render(Throughput throughput, List<Step> steps)
    {
        StringBuilder out = new StringBuilder();
        out.append("## Throughput and growth of the control plane\n\n");
        out.append("No Spark per measured call. Idle: a fresh server %s after start, before any request.%n%n".formatted(duration(SETTLE)));
        out.append("| figure | value | goal |\n|---|---:|---|\n");
        out.append("| control plane idle RSS | %s | <= 200 MB |%n".formatted(megabytes(throughput.idle())));
        out.append("| StartJobRun accepted per minute (%d calls, %d threads, each QUEUED behind one running job; %d found QUEUED) | %.0f | >= 600 |%n"
                .formatted(throughput.accepted(), settings.threads(), throughput.queued(), throughput.perMinute()));
        out.append("| control plane RSS after them | %s | < 512 MB |%n%n".formatted(megabytes(throughput.after())));
        out.append("Sequential calls with the AWS SDK v2 (apache client), %d measured after %d unmeasured, on random stored runs of one application;%n"
                .formatted(settings.calls(), settings.calls()));
        out.append("history written with the control plane's JobRunDao while the server was stopped, then loaded by a restart; RSS after `jcmd GC.run`.\n\n");
        out.append("| stored runs | GetJobRun p50 / p99 ms | ListJobRuns (50, newest) p50 / p99 ms | ListJobRuns SUCCESS p50 / p99 ms | RSS after GC | heap used after GC |\n");
        out.append("|---:|---:|---:|---:|---:|---:|\n");
        for (Step step : steps) {
            out.append("| %,d | %s | %s | %s | %s | %s |%n".formatted(step.storedRuns(), percentiles(step.getJobRun()), percentiles(step.listJobRuns()),
                    percentiles(step.listSucceeded()), megabytes(step.afterGc()),
                    step.heapUsedKb().isPresent() ? String.format(Locale.ROOT, "%.0f MB", step.heapUsedKb().getAsLong() / 1024.0) : "n/a"));
        }
        if (steps.size() >= 2) {
            Step first = steps.get(0);
            Step last = steps.get(steps.size() - 1);
            out.append("\n| ratio, %,d over %,d stored runs | value | goal |%n|---|---:|---|%n".formatted(last.storedRuns(), first.storedRuns()));
            out.append("| GetJobRun p99 | %.2f | <= 1.5 |%n".formatted((double) last.getJobRun().percentile(99) / first.getJobRun().percentile(99)));
            out.append("| ListJobRuns p99 | %.2f | <= 1.5 |%n".formatted((double) last.listJobRuns().percentile(99) / first.listJobRuns().percentile(99)));
            if (first.afterGc().isPresent() && last.afterGc().isPresent()) {
                double perTenThousand = (last.afterGc().get().rssKb() - first.afterGc().get().rssKb()) / 1024.0
                        / ((last.storedRuns() - first.storedRuns()) / 10_000.0);
                out.append("| control plane RSS per 10k stored runs | %.1f MB | < 20 MB |%n".formatted(perTenThousand));
            }
            if (first.heapUsedKb().isPresent() && last.heapUsedKb().isPresent()) {
                double perTenThousand = (last.heapUsedKb().getAsLong() - first.heapUsedKb().getAsLong()) / 1024.0
                        / ((last.storedRuns() - first.storedRuns()) / 10_000.0);
                out.append("| heap used per 10k stored runs | %.1f MB | (what RSS grows by once the heap has grown to hold it) |%n".formatted(perTenThousand));
            }
        }
        out.append('\n');
        return out.toString();
    }

    private static String percentiles(Distribution distribution)
    {
        return String.format(Locale.ROOT, "%.2f / %.2f", distribution.median() / 1000.0, distribution.percentile(99) / 1000.0);
    }

    private static String megabytes(Optional<ProcStatus> status)
    {
        return status.map(value -> String.format(Locale.ROOT, "%.0f MB", value.rssKb() / 1024.0)).orElse("n/a");
    }

    private static String duration(Duration duration)
    {
        return duration.toSeconds() + " s";
    }
}
