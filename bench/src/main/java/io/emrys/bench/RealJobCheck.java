package io.emrys.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Makes sure a timed run of the real job did the work, so that a broken run can never be reported as a fast one:
 * the job ({@code io.emrys.testjobs.CsvAggregateToParquet --read-back}) reads its Parquet output back and prints
 * {@value #LINE} with the output's groups, the input rows they count and their total; the check compares that line
 * with the figures the harness generated the input for, and looks for the committer's {@code _SUCCESS} object in
 * the output folder.
 */
final class RealJobCheck
{
    /** The job's {@code READ_BACK_LINE}; the harness does not have the test jobs on its class path. */
    static final String LINE = "CsvAggregateToParquet read back:";

    private RealJobCheck() {}

    /**
     * @param stdout the driver's standard output
     * @param what the run, for the message
     * @throws IllegalStateException when the line is missing or wrong, or the output has no {@code _SUCCESS}
     */
    static void verify(Path stdout, RealJobInput.Expected expected, S3Client s3, String bucket, String outputPrefix, String what)
            throws IOException
    {
        Optional<String> line = readBackLine(stdout);
        if (line.isEmpty()) {
            throw new IllegalStateException(what + ": no '" + LINE + "' line in " + stdout);
        }
        if (!line.get().equals(expected.toString())) {
            throw new IllegalStateException(what + ": read back " + line.get() + ", expected " + expected + " (" + stdout + ")");
        }
        try {
            s3.headObject(request -> request.bucket(bucket).key(outputPrefix + "_SUCCESS"));
        }
        catch (S3Exception e) {
            throw new IllegalStateException(what + ": no s3://" + bucket + "/" + outputPrefix + "_SUCCESS (" + e.statusCode() + ")", e);
        }
    }

    /** What follows the last {@value #LINE} in the file, if any. */
    static Optional<String> readBackLine(Path stdout)
            throws IOException
    {
        if (!Files.isRegularFile(stdout)) {
            return Optional.empty();
        }
        // Latin-1 decodes any bytes: whatever else the driver printed cannot make the read fail.
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.ISO_8859_1);
        for (int index = lines.size() - 1; index >= 0; index--) {
            String text = lines.get(index);
            int at = text.indexOf(LINE);
            if (at >= 0) {
                return Optional.of(text.substring(at + LINE.length()).strip());
            }
        }
        return Optional.empty();
    }
}
