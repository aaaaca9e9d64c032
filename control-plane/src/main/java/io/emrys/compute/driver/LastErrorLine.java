package io.emrys.compute.driver;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks the line of a driver's stderr that best says why it failed, for the job run's stateDetails. Only the
 * tail of the file is read: the reason is at the end, and a driver's log can be large.
 */
public final class LastErrorLine
{
    private static final int TAIL_BYTES = 256 * 1024;
    private static final String UNCAUGHT_PREFIX = "Exception in thread ";
    /** A throwable's headline, e.g. {@code java.lang.IllegalStateException: boom} or {@code org.x.FooError}. */
    private static final Pattern THROWABLE = Pattern.compile("(Caused by: )?([A-Za-z_$][\\w$]*\\.)+[\\w$]*(Exception|Error|Throwable)(: .*)?");
    /** Spark's log4j lines ({@code 26/01/02 10:11:12 INFO SparkContext: ...}) below WARN say nothing about a failure. */
    /** The headline a Python traceback ends with: {@code ValueError: msg}, {@code pyspark.errors...AnalysisException: msg}. */
    private static final Pattern PYTHON_HEADLINE = Pattern.compile("[A-Za-z_][\\w.]*(Error|Exception|Exit|Interrupt|Warning)(: .*)?");
    private static final String PYTHON_TRACEBACK = "Traceback (most recent call last):";
    private static final Pattern QUIET_LOG_LINE = Pattern.compile("\\d{2}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} (TRACE|DEBUG|INFO) .*");

    private LastErrorLine() {}

    /**
     * The reason a driver failed from both its files: Spark's PythonRunner sends the Python process's stderr to the
     * driver's stdout, so a Python job's traceback is there, and its headline wins over whatever the JVM said.
     */
    public static Optional<String> find(Path stdout, Path stderr)
    {
        try {
            Optional<String> python = pythonHeadline(readTail(stdout));
            if (python.isPresent()) {
                return python;
            }
        }
        catch (IOException e) {
            // no stdout: the stderr decides
        }
        return find(stderr);
    }

    public static Optional<String> find(Path stderr)
    {
        try {
            return find(readTail(stderr));
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<String> find(String text)
    {
        List<String> lines = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String decisive = null;
        String throwable = null;
        String lastLoud = null;
        // a Python job's own exception says more than the JVM's report that the Python process exited
        Optional<String> python = pythonHeadline(text);
        if (python.isPresent()) {
            return python;
        }
        for (String line : lines) {
            if (line.startsWith(UNCAUGHT_PREFIX)) {
                // 'Exception in thread "main" java.lang.X: msg' -> 'java.lang.X: msg'
                int quoteEnd = line.indexOf('"', line.indexOf('"') + 1);
                decisive = quoteEnd > 0 ? line.substring(quoteEnd + 1).strip() : line;
            }
            else if (line.startsWith("Error: ")) {
                decisive = line;
            }
            else if (THROWABLE.matcher(line).matches()) {
                throwable = line;
            }
            if (!line.startsWith("at ") && !QUIET_LOG_LINE.matcher(line).matches()) {
                lastLoud = line;
            }
        }
        if (decisive != null) {
            return Optional.of(decisive);
        }
        if (throwable != null) {
            return Optional.of(throwable);
        }
        if (lastLoud != null) {
            return Optional.of(lastLoud);
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    }

    static Optional<String> pythonHeadline(String text)
    {
        String headline = null;
        boolean inTraceback = false;
        for (String line : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            if (line.equals(PYTHON_TRACEBACK)) {
                inTraceback = true;
            }
            else if (inTraceback && !line.startsWith("File \"") && PYTHON_HEADLINE.matcher(line).matches()) {
                headline = line;
                inTraceback = false;
            }
        }
        return Optional.ofNullable(headline);
    }

    private static String readTail(Path file)
            throws IOException
    {
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, input.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (input.length() - start)];
            input.seek(start);
            input.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
