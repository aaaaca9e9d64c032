package io.emrys.compute.runtime;

import static java.util.Objects.requireNonNull;

/**
 * An EMR release label and the exact versions Emrys serves it with. {@code runtimeModule} names the build module
 * ({@code runtimes/<module>}) that assembles the runtime folder; the folder itself is named after the label.
 */
public record ReleaseLabel(String label, String sparkVersion, String scalaVersion, String hadoopVersion, String runtimeModule)
{
    public static final ReleaseLabel EMR_SPARK_8_0 = new ReleaseLabel("emr-spark-8.0", "4.0.1", "2.13", "3.4.1", "spark-4.0");

    public ReleaseLabel
    {
        requireNonNull(label, "label is null");
        requireNonNull(sparkVersion, "sparkVersion is null");
        requireNonNull(scalaVersion, "scalaVersion is null");
        requireNonNull(hadoopVersion, "hadoopVersion is null");
        requireNonNull(runtimeModule, "runtimeModule is null");
    }

    @Override
    public String toString()
    {
        return label;
    }
}
