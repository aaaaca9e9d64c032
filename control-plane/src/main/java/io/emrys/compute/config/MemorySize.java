package io.emrys.compute.config;

import io.emrys.error.EmrysException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM memory size as Spark writes it ({@code 512m}, {@code 2g}, {@code 2G}, {@code 4gb}), held in MiB. */
public record MemorySize(long mebibytes)
{
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,9})([kmgt])b?");

    public MemorySize
    {
        if (mebibytes <= 0) {
            throw new IllegalArgumentException("mebibytes must be positive: " + mebibytes);
        }
    }

    /** Parses a size with a unit; {@code what} names the flag or property in the validation message. */
    public static MemorySize parse(String text, String what)
    {
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw EmrysException.validation("%s has an invalid memory size '%s': expected a positive number with a unit, such as 512m or 2g"
                    .formatted(what, text));
        }
        long value = Long.parseLong(matcher.group(1));
        long mebibytes = switch (matcher.group(2)) {
            case "k" -> Math.max(1, (value + 1023) / 1024);
            case "m" -> value;
            case "g" -> value * 1024;
            case "t" -> value * 1024 * 1024;
            default -> throw new IllegalStateException("unit not in the pattern: " + matcher.group(2));
        };
        return new MemorySize(mebibytes);
    }

    public double gigabytes()
    {
        return mebibytes / 1024.0;
    }

    /** The size as {@code -Xmx} and Spark both accept it. */
    public String toSparkString()
    {
        return mebibytes % 1024 == 0 ? (mebibytes / 1024) + "g" : mebibytes + "m";
    }
}
