package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real job's input: a CSV with a header, {@code id,category,amount}, one row per id from 1 to {@code rows}. The
 * content is a function of the row count alone (category {@code c<id mod 64>}, amount {@code id * 7919 mod 10000}, a
 * whole number so that its sum is exact), so the harness knows the answer before any Spark runs.
 */
final class RealJobInput
{
    static final int CATEGORIES = 64;

    /** What a correct run prints after reading its Parquet output back (see {@link RealJobCheck}). */
    record Expected(long groups, long rows, long total)
    {
        @Override
        public String toString()
        {
            return "groups=" + groups + " rows=" + rows + " total=" + total;
        }
    }

    /** @param bytes the file's size */
    record Generated(Path file, long bytes, Expected expected)
    {
        Generated
        {
            requireNonNull(file, "file is null");
            requireNonNull(expected, "expected is null");
        }
    }

    private RealJobInput() {}

    static Generated write(Path file, long rows)
            throws IOException
    {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1: " + rows);
        }
        long total = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("id,category,amount\n");
            StringBuilder line = new StringBuilder(32);
            for (long id = 1; id <= rows; id++) {
                long amount = id * 7919 % 10000;
                total += amount;
                line.setLength(0);
                line.append(id).append(",c").append(id % CATEGORIES).append(',').append(amount).append('\n');
                writer.append(line);
            }
        }
        return new Generated(file, Files.size(file), new Expected(Math.min(rows, CATEGORIES), rows, total));
    }
}
