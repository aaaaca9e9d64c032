package io.emrys.agent;

import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static java.util.Objects.requireNonNull;

/**
 * Appends one JSON line per application and executor event to the file named by {@value #FILE_PROPERTY}, which the
 * control plane reads for metering and scaling. Registered through {@code spark.extraListeners}, so Spark builds it
 * with the application's {@link SparkConf}.
 *
 * <p>Each line is written with one appending {@code write} and is on disk (in the page cache) when the call returns:
 * the control plane may read the file at any moment, and a line cut short by a crash is left unparsed by its reader.
 * Spark calls a listener from one listener-bus thread; the lock only guards against a second bus queue.
 */
public final class WorkerEventsListener
        extends SparkListener
{
    public static final String FILE_PROPERTY = "spark.emrys.workerEvents.file";

    private final Path file;
    private final Object lock = new Object();

    public WorkerEventsListener(SparkConf conf)
    {
        requireNonNull(conf, "conf is null");
        if (!conf.contains(FILE_PROPERTY)) {
            // Failing the SparkContext is better than running an application whose executors nobody can account for.
            throw new IllegalArgumentException(FILE_PROPERTY + " is not set: the worker events listener needs a file to write to");
        }
        this.file = Path.of(conf.get(FILE_PROPERTY)).toAbsolutePath();
    }

    @Override
    public void onApplicationStart(SparkListenerApplicationStart event)
    {
        JsonLine line = new JsonLine().field("type", "APPLICATION_START");
        if (event.appId().isDefined()) {
            line.field("appId", event.appId().get());
        }
        append(line.field("time", event.time()));
    }

    @Override
    public void onExecutorAdded(SparkListenerExecutorAdded event)
    {
        append(new JsonLine()
                .field("type", "EXECUTOR_ADDED")
                .field("executorId", event.executorId())
                .field("time", event.time())
                .field("host", event.executorInfo().executorHost())
                .field("cores", event.executorInfo().totalCores()));
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved event)
    {
        append(new JsonLine()
                .field("type", "EXECUTOR_REMOVED")
                .field("executorId", event.executorId())
                .field("time", event.time())
                .field("reason", event.reason() == null ? "" : event.reason()));
    }

    @Override
    public void onApplicationEnd(SparkListenerApplicationEnd event)
    {
        append(new JsonLine().field("type", "APPLICATION_END").field("time", event.time()));
    }

    private void append(JsonLine line)
    {
        byte[] bytes = line.toLine().getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            try {
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            catch (IOException e) {
                // The listener bus logs and drops a listener's exception; the application itself goes on.
                throw new UncheckedIOException("Could not append to the worker events file " + file, e);
            }
        }
    }
}
