package io.emrys.cluster;

import java.nio.file.Path;

/** Where a step's gzipped logs go when the cluster has a LogUri: the object store, implemented by the server. */
@FunctionalInterface
public interface StepLogs
{
    /** Puts {@code file} at {@code s3Uri} ({@code s3://bucket/key}). */
    void upload(Path file, String s3Uri);
}
