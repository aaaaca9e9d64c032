package io.emrys.compute.connect;

import io.emrys.compute.driver.DriverWorkDir;
import io.emrys.compute.runtime.SparkRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A JDK class-data archive (AppCDS) for Spark Connect servers: most of a server's cold start is loading and
 * verifying Spark's classes, and mapping them from an archive roughly halves it (about 2.3 s instead of 4.5-9 s on
 * a 2-core machine). The first server of a runtime records the classes it loaded when it exits
 * ({@code -XX:ArchiveClassesAtExit}, into its own work dir); after a clean exit the file is moved into the shared
 * folder and later servers map it ({@code -XX:SharedArchiveFile}). The JVM checks an archive against its own
 * version and class path and ignores one that does not match, so a stale archive costs speed, never correctness;
 * the file name also changes with the java executable and the runtime's jars folder.
 */
final class ConnectClassArchive
{
    private static final Logger log = LoggerFactory.getLogger(ConnectClassArchive.class);
    /** The file a server records its classes into, inside its work dir. */
    static final String RECORDING = "classes.jsa";
    /** Names the shared archive a recording is to become. */
    static final String RECORDING_TARGET = "classes.jsa.target";

    private final Path directory;

    ConnectClassArchive(Path directory)
    {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
    }

    /**
     * The JVM option for a new server: map the shared archive when there is one, else record one into the work dir
     * (noting beside it where it is to go, so that a re-adopted server's recording is kept as well).
     */
    List<String> jvmOptions(SparkRuntime runtime, Path javaExecutable, DriverWorkDir workDir)
            throws IOException
    {
        Path archive = archive(runtime, javaExecutable);
        if (Files.isRegularFile(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        Files.createDirectories(workDir.root());
        Files.writeString(workDir.root().resolve(RECORDING_TARGET), archive.toString(), StandardCharsets.UTF_8);
        return List.of("-XX:ArchiveClassesAtExit=" + workDir.root().resolve(RECORDING));
    }

    /**
     * After a server has ended: a recording left by a clean exit (0, or 143 after SIGTERM) becomes the shared
     * archive unless another server's got there first; any other recording is deleted (it is about 100 MB).
     */
    static void promote(DriverWorkDir workDir, int exitCode)
    {
        Path recording = workDir.root().resolve(RECORDING);
        Path target = workDir.root().resolve(RECORDING_TARGET);
        try {
            if (!Files.isRegularFile(recording) || !Files.isRegularFile(target)) {
                return;
            }
            Path archive = Path.of(Files.readString(target, StandardCharsets.UTF_8).strip());
            if ((exitCode == 0 || exitCode == 143) && !Files.exists(archive)) {
                Files.createDirectories(archive.getParent());
                // Moved aside first: the work dir may be on another file system, and a reader must never map half a file.
                Path partial = Files.createTempFile(archive.getParent(), archive.getFileName().toString(), ".partial");
                Files.move(recording, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            }
            else {
                Files.delete(recording);
            }
        }
        catch (IOException | RuntimeException e) {
            log.warn("Could not keep the class-data archive {} of a Spark Connect server", recording, e);
        }
    }

    Path archive(SparkRuntime runtime, Path javaExecutable)
    {
        int key = Objects.hash(runtime.home().toString(), realPath(javaExecutable), modified(realPath(javaExecutable)), modified(runtime.jars()));
        return directory.resolve("connect-" + runtime.releaseLabel().label() + "-" + Integer.toHexString(key) + ".jsa");
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
