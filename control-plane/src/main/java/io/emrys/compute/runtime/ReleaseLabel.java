package io.emrys.compute.runtime;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One row of the release catalog: an EMR release label and the versions AWS ships under it, with the page that
 * says so. Empty strings stand for versions AWS does not list. {@link #sparkVersion()} is AWS's; what a server
 * runs may differ only by an operator's explicit pin (see {@link SparkRuntime#sparkVersion()}).
 */
public record ReleaseLabel(String label, String sparkVersion, String scalaVersion, String hadoopVersion, String hiveVersion, String source)
        implements Comparable<ReleaseLabel>
{
    public ReleaseLabel
    {
        requireNonNull(label, "label is null");
        requireNonNull(sparkVersion, "sparkVersion is null");
        requireNonNull(scalaVersion, "scalaVersion is null");
        requireNonNull(hadoopVersion, "hadoopVersion is null");
        requireNonNull(hiveVersion, "hiveVersion is null");
        requireNonNull(source, "source is null");
        ReleaseNumber.of(label);
    }

    /** The Spark line this build serves the label on, or empty when the label's Spark is on a line it does not serve. */
    public Optional<SparkLine> line()
    {
        return SparkLine.of(sparkVersion);
    }

    /** Whether this label is {@code other} or a later release. */
    public boolean isAtLeast(String other)
    {
        return ReleaseNumber.of(label).compareTo(ReleaseNumber.of(other)) >= 0;
    }

    @Override
    public int compareTo(ReleaseLabel other)
    {
        return ReleaseNumber.of(label).compareTo(ReleaseNumber.of(other.label));
    }

    @Override
    public String toString()
    {
        return label;
    }
}
