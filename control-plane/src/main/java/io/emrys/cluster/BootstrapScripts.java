package io.emrys.cluster;

import java.io.IOException;
import java.nio.file.Path;

/** Where a cluster's bootstrap action scripts come from: the object store, implemented by the server. */
@FunctionalInterface
public interface BootstrapScripts
{
    /** Writes the object at {@code s3Uri} ({@code s3://bucket/key}) to {@code target}; fails when it cannot be read. */
    void download(String s3Uri, Path target)
            throws IOException;
}
