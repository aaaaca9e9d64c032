package io.emrys.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Order statistics of a set of measurements. Percentiles use the nearest-rank method (the smallest value with
 * at least p% of the values at or below it), so p99.9 of 10,000 samples is the 10th largest.
 */
final class Distribution
{
    private final long[] sorted;

    private Distribution(long[] values)
    {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    static Distribution of(long[] values)
    {
        return new Distribution(values);
    }

    static Distribution of(List<Long> values)
    {
        return new Distribution(values.stream().mapToLong(Long::longValue).toArray());
    }

    int count()
    {
        return sorted.length;
    }

    long min()
    {
        return sorted.length == 0 ? 0 : sorted[0];
    }

    long max()
    {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }

    /** The median; with an even count, the mean of the two middle values. */
    double median()
    {
        if (sorted.length == 0) {
            return 0;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    long percentile(double percent)
    {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
