package io.emrys.logs;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.cluster.ClusterManager;
import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.LogPublisher;
import io.emrys.objectstore.ObjectUploader;
import io.emrys.objectstore.S3Location;
import io.emrys.session.SessionService;
import io.emrys.session.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Publishes an ended job-run attempt's or session's driver logs in the EMR Serverless layout. They are always kept gzipped in the
 * attempt's work dir ({@code logs/SPARK_DRIVER/stdout.gz}); with a {@code logUri} they are also uploaded to
 * {@code <logUri>/applications/<applicationId>/jobs/<jobRunId>/SPARK_DRIVER/stdout.gz} (later attempts under
 * {@code .../jobs/<jobRunId>/attempts/<n>/...} so a retry never overwrites the first attempt's logs).
 */
public final class WorkLogPublisher
        implements LogPublisher, SessionService.SessionLogPublisher
{
    private final ObjectUploader uploader;
    private final ClusterManager cluster;

    public WorkLogPublisher(ObjectUploader uploader, ClusterManager cluster)
    {
        this.uploader = requireNonNull(uploader, "uploader is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    @Override
    public void publish(JobRun run, int attempt, Path workDir, Optional<String> logUri)
    {
        Path logs = workDir.resolve("logs");
        if (!Files.isDirectory(logs.resolve("SPARK_DRIVER")) && Files.exists(workDir.resolve("stderr"))) {
            // the launcher archives on exit; an attempt that ended otherwise (e.g. re-adopted) is archived here
            try {
                cluster.archiveDriverLogs(workDir);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (logUri.isEmpty() || !Files.isDirectory(logs)) {
            return;
        }
        uploadAll(logs, S3Location.parse(logUri.get())
                .resolve("applications/" + run.applicationId() + "/jobs/" + run.id() + (attempt > 1 ? "/attempts/" + attempt : "")));
    }

    /**
     * Publishes an ended session's driver logs: kept under its work dir, and with the application's {@code logUri}
     * uploaded to {@code <logUri>/applications/<applicationId>/sessions/<sessionId>/SPARK_DRIVER/stdout.gz}.
     */
    @Override
    public void publish(Session session, Path workDir, Optional<String> logUri)
    {
        Path logs = workDir.resolve("logs");
        if (logUri.isPresent() && Files.isDirectory(logs)) {
            uploadAll(logs, S3Location.parse(logUri.get()).resolve("applications/" + session.applicationId() + "/sessions/" + session.id()));
        }
    }

    private void uploadAll(Path logs, S3Location base)
    {
        for (Path file : files(logs)) {
            uploader.putFile(file, base.resolve(logs.relativize(file).toString().replace('\\', '/')));
        }
    }

    private static List<Path> files(Path root)
    {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
