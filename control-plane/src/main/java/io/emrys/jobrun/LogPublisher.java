package io.emrys.jobrun;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Archives an ended attempt's logs (gzipped, in the EMR Serverless layout) under its work dir and, when the run
 * has a {@code logUri}, uploads them there.
 */
@FunctionalInterface
public interface LogPublisher
{
    void publish(JobRun run, int attempt, Path workDir, Optional<String> logUri);
}
