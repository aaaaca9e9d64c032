package io.emrys.compute.runtime;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of release labels: {@code emr-6.9.0 < emr-6.10.0 < emr-7.13.0 < emr-spark-8.0}. The
 * {@code emr-spark-<major>.<minor>} labels that started with Spark 4 continue the numbering of {@code emr-<major>.<minor>.<patch>}.
 */
record ReleaseNumber(int major, int minor, int patch)
        implements Comparable<ReleaseNumber>
{
    private static final Pattern LABEL = Pattern.compile("emr-(?:spark-)?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Comparator<ReleaseNumber> ORDER =
            Comparator.comparingInt(ReleaseNumber::major).thenComparingInt(ReleaseNumber::minor).thenComparingInt(ReleaseNumber::patch);

    static ReleaseNumber of(String label)
    {
        Matcher matcher = LABEL.matcher(label);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an EMR release label: " + label);
        }
        return new ReleaseNumber(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)));
    }

    static boolean isLabel(String label)
    {
        return LABEL.matcher(label).matches();
    }

    @Override
    public int compareTo(ReleaseNumber other)
    {
        return ORDER.compare(this, other);
    }
}
