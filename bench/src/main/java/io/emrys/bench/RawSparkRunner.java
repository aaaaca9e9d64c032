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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Runs a jar with raw Spark, the way a user would without Emrys: {@code java <Spark's JVM options> -cp
 * '<runtime>/jars/*' org.apache.spark.deploy.SparkSubmit --master local[N] --class C jar}, from the same runtime
 * folder. The JVM options are the ones Emrys gives its drivers (taken from {@link DriverPlanner}, minus the
 * per-run temp and log4j2 paths), so both sides run the same JVM with the same heap. Optional spark-submit options
 * (such as {@code --properties-file}) go before {@code --class}, and a run's arguments after the jar.
 */
final class RawSparkRunner
{
    private static final long SAMPLE_MILLIS = 50;

    private final SparkRuntime runtime;
    private final Path jar;
    private final String mainClass;
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
        this.submitOptions = List.copyOf(submitOptions);
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.jar = requireNonNull(jar, "jar is null");
        this.mainClass = requireNonNull(mainClass, "mainClass is null");
        this.cores = cores;
        this.memory = requireNonNull(memory, "memory is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
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
        command.addAll(List.of("--class", mainClass, jar.toString()));
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
        builder.environment().putAll(plan().environment());

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

    private DriverPlan plan()
    {
        DriverPlanner planner = new DriverPlanner(DriverLauncherConfig.defaults().withDefaultDriverResources(cores, memory));
        SparkSubmitParameters parameters = SparkSubmitParameters.parse("--class " + mainClass);
        DriverLaunchRequest request = new DriverLaunchRequest("raw", runtime, jar.toString(), List.of(), parameters,
                SparkConfiguration.EMPTY, scratch, scratch.resolve("events").toString(), Map.of());
        return planner.plan(request, 0);
    }
}
