package io.emrys.pool;

import io.emrys.error.EmrysException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the size strings of the EMR Serverless model ({@code WorkerResourceConfig}, {@code MaximumAllowedResources})
 * and of Spark's properties. Every failure is a VALIDATION error naming the member or property, the value and the
 * expected form, because these strings come straight from the user.
 */
final class SizeParsers
{
    // The model's patterns: CpuSize "^[1-9][0-9]*(\s)?(vCPU|vcpu|VCPU)?$", MemorySize "...(GB|gb|gB|Gb)?$" and
    // DiskSize "...(GB|gb|gB|Gb)$" (disk must name its unit). Lengths are capped so the number fits an int.
    private static final Pattern CPU = Pattern.compile("([1-9][0-9]{0,8})\\s?(vCPU|vcpu|VCPU)?");
    private static final Pattern MEMORY = Pattern.compile("([1-9][0-9]{0,8})\\s?(GB|gb|gB|Gb)?");
    private static final Pattern DISK = Pattern.compile("([1-9][0-9]{0,8})\\s?(GB|gb|gB|Gb)");
    // Spark's byte strings (JavaUtils.byteStringAs): an integer and an optional unit; without one, spark.*.memory is MiB.
    private static final Pattern SPARK_MEMORY = Pattern.compile("([0-9]{1,12})([kmgtp]b?|b)?");
    // spark.emr-serverless.{driver,executor}.disk as AWS documents it, such as 20G.
    private static final Pattern SPARK_DISK = Pattern.compile("([1-9][0-9]{0,8})\\s?(g|gb)?");
    private static final Pattern POSITIVE_INT = Pattern.compile("[1-9][0-9]{0,8}");

    private SizeParsers() {}

    /** A {@code CpuSize} such as {@code 2 vCPU} or {@code 2}, in vCPU. */
    static int cpu(String text, String what)
    {
        Matcher matcher = CPU.matcher(text.trim());
        if (!matcher.matches()) {
            throw invalid(what, text, "a positive whole number of vCPU, such as '2 vCPU' or '2'");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** A {@code MemorySize} such as {@code 4 GB}, {@code 4GB} or {@code 4}, in GB. */
    static int memoryGb(String text, String what)
    {
        Matcher matcher = MEMORY.matcher(text.trim());
        if (!matcher.matches()) {
            throw invalid(what, text, "a positive whole number of GB, such as '4 GB' or '4'");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** A {@code DiskSize} such as {@code 20 GB} or {@code 20GB}, in GB. */
    static int diskGb(String text, String what)
    {
        Matcher matcher = DISK.matcher(text.trim());
        if (!matcher.matches()) {
            throw invalid(what, text, "a positive whole number of GB with its unit, such as '20 GB'");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** A Spark memory property such as {@code 1g}, {@code 512m} or {@code 2048} (MiB), in MiB, rounded down like Spark. */
    static long sparkMemoryMb(String text, String what)
    {
        Matcher matcher = SPARK_MEMORY.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(what, text, "a whole number with an optional unit (k, m, g, t), such as 512m, 2g or 2048 (MiB)");
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "m" : matcher.group(2).substring(0, 1);
        long mebibytes;
        try {
            mebibytes = switch (unit) {
                case "b" -> value / (1024 * 1024);
                case "k" -> value / 1024;
                case "m" -> value;
                case "g" -> Math.multiplyExact(value, 1024L);
                case "t" -> Math.multiplyExact(value, 1024L * 1024);
                case "p" -> Math.multiplyExact(value, 1024L * 1024 * 1024);
                default -> throw new IllegalStateException("unit not in the pattern: " + unit);
            };
        }
        catch (ArithmeticException e) {
            throw invalid(what, text, "a size that fits in memory, such as 512m or 2g");
        }
        if (mebibytes < 1) {
            throw invalid(what, text, "at least 1 MiB, such as 512m or 2g");
        }
        return mebibytes;
    }

    /** {@code spark.emr-serverless.driver.disk} or {@code .executor.disk}, such as {@code 20G}, in GB. */
    static int sparkDiskGb(String text, String what)
    {
        Matcher matcher = SPARK_DISK.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw invalid(what, text, "a positive whole number of GB, such as 20G");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** {@code spark.driver.cores} or {@code spark.executor.cores}. */
    static int sparkCores(String text, String what)
    {
        String trimmed = text.trim();
        if (!POSITIVE_INT.matcher(trimmed).matches()) {
            throw invalid(what, text, "a positive integer");
        }
        return Integer.parseInt(trimmed);
    }

    private static EmrysException invalid(String what, String text, String expected)
    {
        return EmrysException.validation("%s has an invalid value '%s': expected %s".formatted(what, text, expected));
    }
}
