package io.emrys.bench;

import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.SparkRuntime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The release labels a run measures job turnaround on, each with the runtime folder the project's build left for it:
 * Emrys's drivers of that label and the raw Spark they are compared with both start from that folder, so each ratio
 * compares one Spark version with itself.
 */
final class ReleaseLines
{
    /** The label the jobs and sessions parts and the capacity part's sessions run on: the figures before per-line runs existed. */
    static final String BASELINE_LABEL = "emr-spark-8.0";

    private ReleaseLines() {}

    /** The labels' runtimes in the given order; fails on a repeated label or one the project serves no runtime for. */
    static List<SparkRuntime> resolve(RuntimeCatalog catalog, List<String> labels)
    {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no label given");
        }
        Set<String> seen = new HashSet<>();
        for (String label : labels) {
            if (!seen.add(label)) {
                throw new IllegalArgumentException(label + " is given twice");
            }
        }
        return labels.stream().map(catalog::runtime).toList();
    }

    /** How headings name a line: {@code emr-7.10.0 (Spark 3.5.5)}, the version being what runs here (a pin included). */
    static String title(SparkRuntime runtime)
    {
        return runtime.releaseLabel().label() + " (Spark " + runtime.sparkVersion() + ")";
    }
}
