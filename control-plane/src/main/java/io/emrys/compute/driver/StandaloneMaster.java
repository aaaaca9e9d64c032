package io.emrys.compute.driver;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The standalone master a driver's executors come from: one that runs (its URL known), or one whose host is still
 * starting, which the driver waits for itself by reading the host's ready file, so that the driver's own start
 * overlaps the host's.
 */
public sealed interface StandaloneMaster
{
    record Running(String url)
            implements StandaloneMaster
    {
        public Running
        {
            requireNonNull(url, "url is null");
            if (!url.startsWith("spark://")) {
                throw new IllegalArgumentException("url must be a spark:// URL: " + url);
            }
        }
    }

    /** @param readyFile the file the host writes, with its master URL, once its worker has registered */
    record Starting(Path readyFile)
            implements StandaloneMaster
    {
        public Starting
        {
            readyFile = requireNonNull(readyFile, "readyFile is null").toAbsolutePath().normalize();
        }
    }
}
