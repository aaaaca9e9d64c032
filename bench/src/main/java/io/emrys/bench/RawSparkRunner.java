package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverPlan;
import io.emrys.compute.driver.DriverPlanner;
import io.emrys.compute.runtime.SparkRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a jar with raw Spark, the way a user would without Emrys: {@code java <Spark's JVM options> -cp
 * '<runtime>/jars/*' org.apache.spark.deploy.SparkSubmit --master local[N] --class C jar}, from the same runtime
 * folder. The JVM options are the ones Emrys gives its drivers (taken from {@link DriverPlanner}, minus the
 * per-run temp and log4j2 paths), so both sides run the same JVM with the same heap. Optional spark-submit options
 * (such as {@code --properties-file}) go before {@code --class}, and a run's arguments after the jar.
 *
 * <p>A PySpark application ({@link #python}) is the same command with the {@code .py} in the jar's place and no
 * {@code --class}, and the environment a PySpark driver needs from a Spark folder: {@code SPARK_HOME}, the runtime's
 * {@code pyspark.zip} and py4j on {@code PYTHONPATH}, {@code PYSPARK_PYTHON=python3}.
 */
final class RawSparkRunner
{
    private static final long SAMPLE_MILLIS = 50;

    private final SparkRuntime runtime;
    private final Path jar;
    private final Optional<String> mainClass;
    private final int cores;
    private final MemorySize memory;
    private final Path scratch;
    private final List<String> submitOptions;

    RawSparkRunner(SparkRuntime runtime, Path jar, String mainClass, int cores, MemorySize memory, Path scratch)
    {
        this(runtime, jar, mainClass, cores, memory, scratch, List.of());
    }

    /** @param submitOptions spark-submit options after the resources, before {@code --class}; never a secret (they are in the report) */
    RawSparkRunner(SparkRuntime runtime, Path jar, String mainClass, int cores, MemorySize memory, Path scratch, List<String> submitOptions)
    {
        this(runtime, jar, Optional.of(requireNonNull(mainClass, "mainClass is null")), cores, memory, scratch, submitOptions);
    }

    /** @param application a jar (with a main class) or a PySpark {@code .py} (without) */
    private RawSparkRunner(SparkRuntime runtime, Path application, Optional<String> mainClass, int cores, MemorySize memory, Path scratch,
            List<String> submitOptions)
    {
        this.submitOptions = List.copyOf(submitOptions);
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.jar = requireNonNull(application, "application is null");
        this.mainClass = requireNonNull(mainClass, "mainClass is null");
        this.cores = cores;
        this.memory = requireNonNull(memory, "memory is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    /** A PySpark application: {@code SparkSubmit ... script.py}. */
    static RawSparkRunner python(SparkRuntime runtime, Path script, int cores, MemorySize memory, Path scratch)
    {
        return new RawSparkRunner(runtime, script, Optional.empty(), cores, memory, scratch, List.of());
    }

    /** @param stdout the file the run's standard output went to */
    record Sample(long wallMillis, OptionalLong peakRssKb, Path stdout)
    {
        Sample
        {
            requireNonNull(peakRssKb, "peakRssKb is null");
            requireNonNull(stdout, "stdout is null");
        }
    }

    /** The command line, for the report. */
    List<String> command()
    {
        return command(List.of());
    }

    /** The command line of a run with these arguments after the jar. */
    List<String> command(List<String> arguments)
    {
        DriverPlan plan = plan();
        List<String> command = new ArrayList<>();
        command.add(plan.javaCommand().get(0));
        for (String option : plan.javaCommand().subList(1, plan.javaCommand().indexOf("-cp"))) {
            if (!option.startsWith("-Djava.io.tmpdir=") && !option.startsWith("-Dlog4j2.configurationFile=")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", runtime.classPathWildcard(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[" + cores + "]",
                "--driver-memory", memory.toSparkString(),
                "--driver-cores", Integer.toString(cores)));
        command.addAll(submitOptions);
        mainClass.ifPresent(name -> command.addAll(List.of("--class", name)));
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
    }

    Sample run(int index)
            throws IOException, InterruptedException
    {
        return run(index, List.of());
    }

    Sample run(int index, List<String> arguments)
            throws IOException, InterruptedException
    {
        Path dir = Files.createDirectories(scratch.resolve("raw-" + index));
        ProcessBuilder builder = new ProcessBuilder(command(arguments))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        // The same environment Emrys gives its drivers: SPARK_HOME, and SPARK_LOCAL_IP so Spark (and its UI) stays on loopback.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(environment());

        long start = System.nanoTime();
        Process process = builder.start();
        long peak = -1;
        while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
            OptionalLong sample = ProcStatus.peakKb(process.pid());
            if (sample.isPresent()) {
                peak = Math.max(peak, sample.getAsLong());
            }
        }
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("raw Spark run exited with code " + process.exitValue() + "; see " + dir.resolve("stderr"));
        }
        return new Sample(wall, peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak), dir.resolve("stdout"));
    }

    /**
     * Emrys's driver environment without Emrys's own Python hooks (its {@code sitecustomize.py} and stderr file), plus,
     * for a PySpark application, what a user sets to run one from a Spark folder.
     */
    Map<String, String> environment()
    {
        Map<String, String> environment = new LinkedHashMap<>(plan().environment());
        environment.remove("PYTHONPATH");
        environment.remove(DriverPlanner.PYTHON_STDERR);
        if (mainClass.isEmpty()) {
            Path lib = runtime.home().resolve("python").resolve("lib");
            environment.put("SPARK_HOME", runtime.home().toString());
            environment.put("PYTHONPATH", Stream.concat(Stream.of(lib.resolve("pyspark.zip")), py4j(lib).stream())
                    .map(Path::toString).collect(Collectors.joining(":")));
            environment.put("PYSPARK_PYTHON", "python3");
        }
        return environment;
    }

    private static List<Path> py4j(Path lib)
    {
        try (Stream<Path> files = Files.list(lib)) {
            List<Path> found = files.filter(file -> file.getFileName().toString().matches("py4j-.*-src[.]zip")).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no py4j-*-src.zip in " + lib);
            }
            return found;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DriverPlan plan()
    {
        DriverPlanner planner = new DriverPlanner(DriverLauncherConfig.defaults().withDefaultDriverResources(cores, memory));
        SparkSubmitParameters parameters = SparkSubmitParameters.parse(mainClass.map(name -> "--class " + name).orElse(""));
        DriverLaunchRequest request = new DriverLaunchRequest("raw", runtime, jar.toString(), List.of(), parameters,
                SparkConfiguration.EMPTY, scratch, scratch.resolve("events").toString(), Map.of());
        return planner.plan(request, 0);
    }
}
