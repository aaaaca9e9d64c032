package io.emrys.compute.driver;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.S3CredentialsFile;
import io.emrys.compute.config.ShellWords;
import io.emrys.compute.config.SparkJavaOptions;
import io.emrys.compute.config.SparkSubmitParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns a launch request into the driver's JVM command line and Spark properties; a pure function, so the
 * command line is unit-tested without starting anything.
 *
 * <p>Precedence of Spark properties, lowest first: application {@code runtimeConfiguration}, the job's
 * {@code configurationOverrides}, {@code sparkSubmitParameters} ({@code --conf}, then flags), and last the
 * settings Emrys must own: master, loopback binding, UI port, event logs, scratch folders and S3A (the
 * execution role's credentials must not be replaced by a job's own).
 *
 * <p>With an {@link ExecutorPlacement} the driver's executors are separate JVMs on a standalone master instead of
 * threads in {@code local[N]}: the placement owns the master, executor size and counts; a job may only turn dynamic
 * allocation off or lower the executor limit, never raise it.
 */
public final class DriverPlanner
{
    public static final String LOOPBACK = "127.0.0.1";
    /** EMR Serverless's driver environment: {@code spark.emr-serverless.driverEnv.NAME=value} sets NAME for the driver. */
    static final String DRIVER_ENV = "spark.emr-serverless.driverEnv.";
    /** EMR Serverless's spelling of Spark's {@code spark.executorEnv.NAME}. */
    static final String EXECUTOR_ENV = "spark.emr-serverless.executorEnv.";

    /** Set for a Python entry point: the driver's stderr file, where sitecustomize.py sends the Python process's stderr. */
    public static final String PYTHON_STDERR = "EMRYS_DRIVER_STDERR";
    /**
     * Set for a Python entry point with arguments: the owner-only file ({@link PythonArgumentFile}) that holds them.
     * Spark's PythonRunner would put them on the Python process's command line, which any user of the host reads
     * with {@code ps}; sitecustomize.py puts them into {@code sys.argv} instead, so the script sees what it would.
     */
    public static final String PYTHON_ARGUMENTS = "EMRYS_ENTRY_POINT_ARGUMENTS";
    /** The agent's main class that unpacks {@code spark.archives} into the driver's folder, then runs SparkSubmit. */
    static final String UNPACK_ARCHIVES_THEN_SUBMIT = "io.emrys.agent.UnpackArchivesThenSubmit";
    /** Waits for a starting standalone host's master (unpacking archives meanwhile), then runs SparkSubmit. */
    static final String AWAIT_MASTER_THEN_SUBMIT = "io.emrys.agent.AwaitMasterThenSubmit";
    static final String STANDALONE_READY_FILE = "spark.emrys.standaloneReadyFile";
    static final String WORKER_EVENTS_LISTENER = "io.emrys.agent.WorkerEventsListener";
    static final String WORKER_EVENTS_FILE = "spark.emrys.workerEvents.file";
    private static final String DYNAMIC_ALLOCATION = "spark.dynamicAllocation.enabled";
    private static final String MAX_EXECUTORS = "spark.dynamicAllocation.maxExecutors";
    private static final String EXECUTOR_INSTANCES = "spark.executor.instances";
    private static final String CORES_MAX = "spark.cores.max";
    private static final String EXTRA_LISTENERS = "spark.extraListeners";

    private final DriverLauncherConfig config;

    public DriverPlanner(DriverLauncherConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    public DriverPlan plan(DriverLaunchRequest request, int uiPort)
    {
        DriverWorkDir workDir = new DriverWorkDir(request.workDir());
        Map<String, String> properties = new LinkedHashMap<>(request.configuration().sparkDefaults());
        properties.putAll(request.parameters().asSparkProperties());

        int cores = Optional.ofNullable(properties.get("spark.driver.cores"))
                .map(value -> SparkSubmitParameters.parsePositiveInt(value, "spark.driver.cores"))
                .orElse(config.defaultDriverCores());
        MemorySize memory = Optional.ofNullable(properties.get("spark.driver.memory"))
                .map(value -> MemorySize.parse(value, "spark.driver.memory"))
                .orElse(config.defaultDriverMemory());

        Map<String, String> driverEnvironment = new LinkedHashMap<>();
        for (String key : List.copyOf(properties.keySet())) {
            if (key.startsWith(DRIVER_ENV) && key.length() > DRIVER_ENV.length()) {
                driverEnvironment.put(key.substring(DRIVER_ENV.length()), properties.get(key));
            }
            else if (key.startsWith(EXECUTOR_ENV) && key.length() > EXECUTOR_ENV.length()) {
                // Spark's own spark.executorEnv.NAME of the same name wins, as the more specific setting
                properties.putIfAbsent("spark.executorEnv." + key.substring(EXECUTOR_ENV.length()), properties.get(key));
            }
        }

        properties.put("spark.master", "local[" + cores + "]");
        request.executors().ifPresent(placement -> {
            placeExecutors(placement, properties);
            // the agent's S3 credentials provider loads on executors too; the executors' class-data archive is
            // recorded with this same class path
            properties.merge("spark.executor.extraClassPath", request.runtime().agentJar().toString(), (existing, added) -> existing + ":" + added);
        });
        properties.put("spark.submit.deployMode", "client");
        properties.put("spark.driver.cores", Integer.toString(cores));
        properties.put("spark.driver.memory", memory.toSparkString());
        properties.put("spark.driver.host", LOOPBACK);
        properties.put("spark.driver.bindAddress", LOOPBACK);
        properties.put("spark.ui.port", Integer.toString(uiPort));
        properties.put("spark.eventLog.enabled", "true");
        properties.put("spark.eventLog.dir", request.eventLogDir());
        properties.put("spark.local.dir", workDir.local().toString());
        if (!request.configuration().executorLog4j2().isEmpty()) {
            String option = "-Dlog4j2.configurationFile=" + workDir.executorLog4j2().toUri();
            properties.merge("spark.executor.extraJavaOptions", option, (existing, added) -> existing + " " + added);
        }
        // s3:// is how EMR users write paths; route it through S3A like s3a:// so both use the same settings.
        properties.put("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        request.hadoopS3a().forEach((key, value) -> properties.put("spark.hadoop." + key, value));
        boolean credentialsFile = S3CredentialsFile.usedBy(request.hadoopS3a());

        // EMR's image layout: local:///usr/lib/spark/... is the runtime folder
        for (String key : List.of("spark.submit.pyFiles", "spark.jars", "spark.files")) {
            String value = properties.get(key);
            if (value != null) {
                properties.put(key, String.join(",", java.util.Arrays.stream(value.split(","))
                        .map(String::strip)
                        .map(entry -> request.runtime().emrImagePath(entry).map(path -> "local://" + path).orElse(entry))
                        .toList()));
            }
        }
        String requestedEntryPoint = request.runtime().emrImagePath(request.entryPoint()).map(Path::toString).orElse(request.entryPoint());
        Optional<Path> localEntryPoint = localPath(requestedEntryPoint);
        String entryPoint = localEntryPoint.map(Path::toString).orElse(requestedEntryPoint);

        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable().toString());
        command.add("-Xmx" + memory.toSparkString());
        command.add("-Djava.io.tmpdir=" + workDir.tmp());
        if (!request.configuration().driverLog4j2().isEmpty()) {
            command.add("-Dlog4j2.configurationFile=" + workDir.driverLog4j2().toUri());
        }
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
        // The user's driver options come after ours so that they can override them, as with spark-submit.
        for (String key : List.of("spark.driver.defaultJavaOptions", "spark.driver.extraJavaOptions")) {
            String value = properties.get(key);
            if (value != null) {
                command.addAll(ShellWords.split(value, key));
            }
        }
        command.add("-cp");
        String extraClassPath = properties.get("spark.driver.extraClassPath");
        boolean archives = !properties.getOrDefault("spark.archives", "").isBlank();
        // The worker events listener, the archive unpacker and the credentials file's provider live in the agent
        // jar; only placed executors, jobs with archives and file credentials need it.
        String agent = request.executors().isPresent() || archives || credentialsFile ? ":" + request.runtime().agentJar() : "";
        command.add(request.runtime().classPathWildcard() + agent + (extraClassPath == null || extraClassPath.isBlank() ? "" : ":" + extraClassPath));
        boolean masterStarting = request.executors().map(placement -> placement.master() instanceof StandaloneMaster.Starting).orElse(false);
        command.add(masterStarting ? AWAIT_MASTER_THEN_SUBMIT : archives ? UNPACK_ARCHIVES_THEN_SUBMIT : SparkJavaOptions.SPARK_SUBMIT_CLASS);
        command.add("--properties-file");
        command.add(workDir.sparkProperties().toString());
        request.parameters().mainClass().ifPresent(mainClass -> {
            command.add("--class");
            command.add(mainClass);
        });
        command.add(entryPoint);
        boolean python = isPython(request.entryPoint());
        if (!python) {
            // a JVM job's arguments stay in the owner-only java @file (JavaArgumentFile); SparkSubmit passes them to main
            command.addAll(request.entryPointArguments());
        }

        // the job's own driver environment first: what Emrys sets below must not be replaced by it
        Map<String, String> environment = new LinkedHashMap<>(driverEnvironment);
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals(PYTHON_STDERR) || name.equals(PYTHON_ARGUMENTS));
        environment.put("SPARK_HOME", request.runtime().home().toString());
        // Spark otherwise resolves the host name and warns when it maps to a loopback address.
        environment.put("SPARK_LOCAL_IP", LOOPBACK);
        if (python) {
            // PythonRunner puts the job's --py-files and the runtime's pyspark.zip and py4j first, then this
            environment.merge("PYTHONPATH", workDir.pythonSite().toString(), (own, site) -> site + ":" + own);
            environment.put(PYTHON_STDERR, workDir.stderr().toString());
            if (!request.entryPointArguments().isEmpty()) {
                environment.put(PYTHON_ARGUMENTS, workDir.pythonArguments().toString());
            }
        }
        return new DriverPlan(workDir, command, properties, localEntryPoint, environment, cores, memory, uiPort);
    }

    /**
     * Points Spark at the standalone master with the placement's executor size and counts. In standalone mode Spark
     * ignores {@code spark.executor.instances}; {@code spark.cores.max} is what bounds an application's executors,
     * so it is set to the executor limit times the executor cores.
     */
    static void placeExecutors(ExecutorPlacement placement, Map<String, String> properties)
    {
        int maxExecutors = placement.maxExecutors();
        String usersMax = properties.get(MAX_EXECUTORS);
        if (usersMax != null) {
            maxExecutors = Math.min(maxExecutors, SparkSubmitParameters.parsePositiveInt(usersMax, MAX_EXECUTORS));
        }
        boolean dynamic = !"false".equalsIgnoreCase(properties.getOrDefault(DYNAMIC_ALLOCATION, "true").trim());
        int executorLimit;
        if (dynamic) {
            executorLimit = maxExecutors;
            properties.put(DYNAMIC_ALLOCATION, "true");
            properties.put("spark.dynamicAllocation.shuffleTracking.enabled", "true");
            properties.put("spark.dynamicAllocation.minExecutors", Integer.toString(Math.min(placement.minExecutors(), maxExecutors)));
            properties.put("spark.dynamicAllocation.initialExecutors", Integer.toString(Math.min(placement.initialExecutors(), maxExecutors)));
            properties.put(MAX_EXECUTORS, Integer.toString(maxExecutors));
            // Spark starts with the largest of min, initial and instances: a job's instances must not exceed the limit.
            String usersInstances = properties.get(EXECUTOR_INSTANCES);
            if (usersInstances != null) {
                int instances = SparkSubmitParameters.parsePositiveInt(usersInstances, EXECUTOR_INSTANCES);
                properties.put(EXECUTOR_INSTANCES, Integer.toString(Math.min(instances, maxExecutors)));
            }
        }
        else {
            // Without dynamic allocation nothing would ever ask for more than the initial executors; at least one,
            // or the job would wait for resources forever.
            executorLimit = Math.max(1, Math.min(placement.initialExecutors(), maxExecutors));
            properties.put(EXECUTOR_INSTANCES, Integer.toString(executorLimit));
        }
        int coresMax = executorLimit * placement.executorCores();
        String usersCoresMax = properties.get(CORES_MAX);
        if (usersCoresMax != null) {
            coresMax = Math.min(coresMax, SparkSubmitParameters.parsePositiveInt(usersCoresMax, CORES_MAX));
        }
        if (placement.master() instanceof StandaloneMaster.Starting starting) {
            // the driver's main class waits for this file and passes its URL as --master
            properties.remove("spark.master");
            properties.put(STANDALONE_READY_FILE, starting.readyFile().toString());
        }
        else {
            properties.put("spark.master", ((StandaloneMaster.Running) placement.master()).url());
        }
        // the host's master, worker and executors accept only RPC peers that know its secret (executors get it
        // from the worker's environment, never a command line); the properties file holding it is owner-only
        properties.put("spark.authenticate", "true");
        properties.put("spark.authenticate.secret", readSecret(placement.authSecretFile()));
        // and what they say to each other is encrypted (AES, keys from that secret), so no one on the host reads it off loopback
        properties.put("spark.network.crypto.enabled", "true");
        properties.put("spark.executor.cores", Integer.toString(placement.executorCores()));
        properties.put("spark.executor.memory", placement.executorMemory().toSparkString());
        properties.put(CORES_MAX, Integer.toString(coresMax));
        properties.merge(EXTRA_LISTENERS, WORKER_EVENTS_LISTENER,
                (existing, added) -> existing.isBlank() ? added : existing + "," + added);
        properties.put(WORKER_EVENTS_FILE, placement.workerEventsFile().toString());
    }

    private static String readSecret(Path file)
    {
        try {
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.isEmpty()) {
                throw new IllegalStateException("The standalone host's secret file " + file + " is empty");
            }
            return secret;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read the standalone host's secret file " + file, e);
        }
    }

    /** A PySpark entry point, as spark-submit tells one: by its name. */
    public static boolean isPython(String entryPoint)
    {
        String path = entryPoint.contains("#") ? entryPoint.substring(0, entryPoint.indexOf('#')) : entryPoint;
        return path.endsWith(".py");
    }

    /** The file an entry point names when it is local ({@code file:}, {@code local:} or a plain path), else empty. */
    static Optional<Path> localPath(String entryPoint)
    {
        int colon = entryPoint.indexOf(':');
        int slash = entryPoint.indexOf('/');
        boolean hasScheme = colon > 0 && (slash < 0 || colon < slash);
        if (!hasScheme) {
            return Optional.of(Path.of(entryPoint).toAbsolutePath().normalize());
        }
        try {
            URI uri = new URI(entryPoint);
            String scheme = uri.getScheme();
            if ("file".equals(scheme) || "local".equals(scheme)) {
                return Optional.of(Path.of(uri.getPath()).toAbsolutePath().normalize());
            }
        }
        catch (URISyntaxException e) {
            // A remote URI Spark cannot parse either; it reports that itself in the driver's stderr.
        }
        return Optional.empty();
    }
}
