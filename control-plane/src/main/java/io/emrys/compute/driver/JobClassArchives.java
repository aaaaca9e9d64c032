package io.emrys.compute.driver;

import io.emrys.compute.runtime.SparkRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * JDK class-data archives (AppCDS) for the JVMs of cold job runs: the driver, its executors and the application's
 * standalone host. Most of a cold Spark JVM's start is loading and verifying Spark's classes; mapping them from an
 * archive recorded by an earlier JVM of the same runtime skips much of it.
 *
 * <p>Archives are recorded only by a background warm-up ({@code compute.cluster.JobClassArchiveRecorder}), never by
 * a user's run, and kept here once checked. A JVM started with an archive checks it against its own version and
 * class path and ignores one that does not match (a warning, then {@code -Xshare:auto} goes on without it), so a
 * stale archive costs speed, never correctness; the file name also changes with the java executable and the
 * runtime's jars folder. Without an archive the JVMs start as before.
 */
public final class JobClassArchives
{
    /** The JVMs of a job run that have an archive of their own. */
    public enum Kind
    {
        /** The job's driver ({@code SparkSubmit} with executors on a standalone host). */
        DRIVER,
        /** An executor JVM ({@code CoarseGrainedExecutorBackend}), started by the host's worker. */
        EXECUTOR,
        /** The application's standalone host (master and worker in one JVM). */
        HOST,
    }

    static final String SHARED_ARCHIVE_OPTION = "-XX:SharedArchiveFile=";
    private static final String EXECUTOR_JAVA_OPTIONS = "spark.executor.extraJavaOptions";
    private static final List<String> SHARING_OPTIONS = List.of("-Xshare", "SharedArchiveFile", "ArchiveClassesAtExit", "DumpLoadedClassList",
            "RecordDynamicDumpInfo");

    private final Optional<Path> directory;
    private final Path javaExecutable;

    /** @param directory where the archives are kept; empty for none (the JVMs start without archives) */
    public JobClassArchives(Optional<Path> directory, Path javaExecutable)
    {
        this.directory = requireNonNull(directory, "directory is null").map(path -> path.toAbsolutePath().normalize());
        this.javaExecutable = requireNonNull(javaExecutable, "javaExecutable is null");
    }

    public static JobClassArchives none()
    {
        return new JobClassArchives(Optional.empty(), Path.of("java"));
    }

    /** Where the archive of {@code kind} for {@code runtime} is (or would be) kept; empty without a directory. */
    public Optional<Path> archive(SparkRuntime runtime, Kind kind)
    {
        return directory.map(folder -> {
            Path executable = realPath(javaExecutable);
            int key = Objects.hash(runtime.home().toAbsolutePath().normalize().toString(), executable.toString(), modified(executable), jarsKey(runtime.jars()));
            return folder.resolve("job-" + kind.name().toLowerCase(Locale.ROOT) + "-" + Integer.toHexString(key) + ".jsa");
        });
    }

    /** Whether every kind's archive is kept for {@code runtime} (nothing left to record). */
    public boolean complete(SparkRuntime runtime)
    {
        return directory.isPresent() && List.of(Kind.values()).stream().allMatch(kind -> kept(runtime, kind).isPresent());
    }

    /** The JVM options that map {@code kind}'s archive: none when no archive is kept. */
    public List<String> jvmOptions(SparkRuntime runtime, Kind kind)
    {
        // a JVM that cannot use the archive says so on stdout, which is the job's own output: it goes on without it quietly
        return kept(runtime, kind).map(archive -> List.of(SHARED_ARCHIVE_OPTION + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")).orElse(List.of());
    }

    /**
     * A job driver's plan with the driver's archive (first among the Java options, so that a job's own
     * {@code spark.driver.extraJavaOptions} still come after it and win) and, when its executors run on a standalone
     * master, the executors' archive before the job's own {@code spark.executor.extraJavaOptions}.
     */
    public DriverPlan withArchives(DriverPlan plan, SparkRuntime runtime)
    {
        Map<String, String> properties = new LinkedHashMap<>(plan.sparkProperties());
        List<String> driver = ownSharing(properties.get("spark.driver.defaultJavaOptions")) || ownSharing(properties.get("spark.driver.extraJavaOptions"))
                ? List.of()
                : jvmOptions(runtime, Kind.DRIVER);
        List<String> executor = properties.getOrDefault("spark.master", "").startsWith("spark://") && !ownSharing(properties.get("spark.executor.defaultJavaOptions"))
                && !ownSharing(properties.get(EXECUTOR_JAVA_OPTIONS)) ? jvmOptions(runtime, Kind.EXECUTOR) : List.of();
        if (driver.isEmpty() && executor.isEmpty()) {
            return plan;
        }
        List<String> command = new ArrayList<>(plan.javaCommand());
        command.addAll(1, driver);
        if (!executor.isEmpty()) {
            String own = properties.get(EXECUTOR_JAVA_OPTIONS);
            properties.put(EXECUTOR_JAVA_OPTIONS, String.join(" ", executor) + (own == null || own.isBlank() ? "" : " " + own));
        }
        return new DriverPlan(plan.workDir(), command, properties, plan.localEntryPoint(), plan.environment(), plan.driverCores(), plan.driverMemory(),
                plan.uiPort());
    }

    /**
     * Keeps a recording as {@code kind}'s archive for {@code runtime}, owner-only, replacing none: the first one
     * kept stays. Moved aside first, as the recording may be on another file system and a JVM must never map half a file.
     */
    public void keep(Path recording, SparkRuntime runtime, Kind kind)
            throws IOException
    {
        Path archive = archive(runtime, kind).orElseThrow(() -> new IllegalStateException("no class-data archive directory"));
        if (Files.exists(archive)) {
            Files.delete(recording);
            return;
        }
        Files.createDirectories(archive.getParent());
        Path partial = Files.createTempFile(archive.getParent(), archive.getFileName().toString(), ".partial");
        Files.move(recording, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Java options of a job's own that choose class-data sharing themselves ({@code -Xshare:off}, an archive of their
     * own, recording one): ours is left out, as some of those cannot be combined with it.
     */
    private static boolean ownSharing(String javaOptions)
    {
        return javaOptions != null && SHARING_OPTIONS.stream().anyMatch(javaOptions::contains);
    }

    private Optional<Path> kept(SparkRuntime runtime, Kind kind)
    {
        return archive(runtime, kind).filter(Files::isRegularFile);
    }

    private static Path realPath(Path path)
    {
        try {
            return path.toRealPath();
        }
        catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /**
     * Every jar's name, size and modification time: a runtime folder rebuilt in place (jars replaced, the folder's own
     * time unchanged) gets archives of its own rather than ones the JVM would refuse.
     */
    private static int jarsKey(Path jars)
    {
        try (Stream<Path> files = Files.list(jars)) {
            return files.sorted().map(file -> file.getFileName() + ":" + size(file) + ":" + modified(file)).toList().hashCode();
        }
        catch (IOException e) {
            return 0;
        }
    }

    private static long size(Path path)
    {
        try {
            return Files.size(path);
        }
        catch (IOException e) {
            return 0;
        }
    }

    private static long modified(Path path)
    {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        }
        catch (IOException e) {
            return 0;
        }
    }
}
