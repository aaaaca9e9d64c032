package io.emrys.agent;

import org.apache.spark.deploy.SparkSubmit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver's main class when its application's standalone host is still starting (the first job of a fresh
 * application): the control plane forks the driver at once instead of after the host, so the driver's JVM start,
 * SparkSubmit's class loading and any archive unpacking overlap the host's start. This waits for the host's ready
 * file (named by {@value #READY_FILE_PROPERTY} in the properties file), then runs SparkSubmit with
 * {@code --master} set to the URL the host wrote. Spark's standalone client would otherwise retry a master that is
 * not up yet only after 20 seconds. The control plane stops this driver when the host fails to start.
 */
public final class AwaitMasterThenSubmit
{
    static final String READY_FILE_PROPERTY = "spark.emrys.standaloneReadyFile";
    /** A little longer than the control plane waits for a host, so that it, with the host's reason, decides first. */
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Pattern MASTER_URL = Pattern.compile("\"masterUrl\"\\s*:\\s*\"(spark://[^\"]+)\"");

    private AwaitMasterThenSubmit() {}

    public static void main(String[] args)
            throws Exception
    {
        Properties properties = UnpackArchivesThenSubmit.properties(args);
        // archives download while the host starts too
        UnpackArchivesThenSubmit.unpackAll(properties);
        String readyFile = properties.getProperty(READY_FILE_PROPERTY);
        if (readyFile == null || readyFile.isBlank()) {
            throw new IllegalStateException(READY_FILE_PROPERTY + " is not set in the driver's properties file");
        }
        String masterUrl = awaitMasterUrl(Path.of(readyFile), TIMEOUT);
        SparkSubmit.main(withMaster(args, masterUrl));
    }

    static String awaitMasterUrl(Path readyFile, Duration timeout)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> url = masterUrl(readyFile);
            if (url.isPresent()) {
                return url.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Spark standalone host did not become ready within " + timeout + " (no master URL in " + readyFile + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The host renames a complete file into place, so a file that is there is whole. */
    static Optional<String> masterUrl(Path readyFile)
            throws IOException
    {
        try {
            Matcher matcher = MASTER_URL.matcher(Files.readString(readyFile, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** SparkSubmit's options come before the primary resource; {@code --master} there wins over the properties file. */
    static String[] withMaster(String[] args, String masterUrl)
    {
        List<String> arguments = new ArrayList<>(List.of("--master", masterUrl));
        arguments.addAll(List.of(args));
        return arguments.toArray(String[]::new);
    }
}
