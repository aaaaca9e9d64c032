package io.emrys.compute.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.emrys.common.ProcessExits;
import io.emrys.compute.driver.LastErrorLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A running (or re-adopted) standalone host: one JVM with a Spark master and worker whose executors are separate
 * JVMs, its children. Its output goes to files in the work dir, so it outlives the control plane.
 *
 * <p>Threading: readiness is polled on {@link CompletableFuture#delayedExecutor} (the common pool), so a host
 * needs no thread of its own; {@link #stop} blocks its caller.
 */
public final class StandaloneHost
{
    private static final Duration READY_POLL = Duration.ofMillis(50);
    private static final Duration EXECUTOR_KILL_WAIT = Duration.ofSeconds(10);

    private final ProcessHandle process;
    private final StandaloneHostFiles files;
    private final CompletableFuture<Void> exit;
    private final CompletableFuture<String> ready;

    StandaloneHost(ProcessHandle process, StandaloneHostFiles files, CompletableFuture<?> exit)
    {
        this.process = requireNonNull(process, "process is null");
        this.files = requireNonNull(files, "files is null");
        this.exit = requireNonNull(exit, "exit is null").thenApply(ignored -> null);
        this.ready = new CompletableFuture<>();
        pollReady();
    }

    /**
     * Re-attaches to a host after a control plane restart: present when {@code pid} is alive and its command line
     * is the standalone host's with this work dir (a recycled pid is someone else's process and is left alone).
     */
    public static Optional<StandaloneHost> adopt(long pid, Path workDir)
    {
        StandaloneHostFiles files = new StandaloneHostFiles(workDir);
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> isHostOf(handle, files))
                .map(handle -> new StandaloneHost(handle, files, handle.onExit()));
    }

    /** The master URL ({@code spark://127.0.0.1:<port>}) once the worker has registered; fails if the JVM ends first. */
    public CompletableFuture<String> ready()
    {
        return ready.copy();
    }

    /** The file the host writes its master URL to once ready; a driver started before that waits for it itself. */
    public Path readyFile()
    {
        return files.readyFile();
    }

    /** The file with the {@code spark.authenticate} secret of the host in {@code workDir}; */
    public static Path authSecretFile(Path workDir)
    {
        return new StandaloneHostFiles(workDir).authSecret();
    }

    /** The file with this host's {@code spark.authenticate} secret, which every driver placed on it presents. */
    public Path authSecretFile()
    {
        return files.authSecret();
    }

    public long pid()
    {
        return process.pid();
    }

    public Path workDir()
    {
        return files.root();
    }

    /** Where the worker keeps each executor's stdout and stderr ({@code <app-id>/<executor-id>/}). */
    public Path workerDir()
    {
        return files.workerDir();
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    /** Completes when the host JVM has ended (its executors may still be ending; {@link #stop} waits for them). */
    public CompletableFuture<Void> onExit()
    {
        return exit.copy();
    }

    /**
     * Stops the host and returns once it and its executor JVMs have ended: SIGTERM (the host kills its executors,
     * then stops the worker and master), SIGKILL after {@code grace}, and SIGKILL to any executor left, such as
     * those of a host that had to be killed. The executors are taken from the host's descendants before the host
     * goes, because an orphan is no longer anyone's descendant.
     */
    public void stop(Duration grace)
    {
        requireNonNull(grace, "grace is null");
        List<ProcessHandle> executors = new ArrayList<>(process.descendants().toList());
        process.destroy();
        if (!ProcessExits.await(process, grace)) {
            executors.addAll(process.descendants().toList());
            process.destroyForcibly();
            ProcessExits.await(process, EXECUTOR_KILL_WAIT);
        }
        for (ProcessHandle executor : executors) {
            if (executor.isAlive()) {
                executor.destroyForcibly();
            }
        }
        for (ProcessHandle executor : executors) {
            ProcessExits.await(executor, EXECUTOR_KILL_WAIT);
        }
    }

    @Override
    public String toString()
    {
        return "StandaloneHost{pid=" + pid() + ", workDir=" + files.root() + "}";
    }

    static boolean isHostOf(ProcessHandle handle, StandaloneHostFiles files)
    {
        String root = files.root().toString();
        ProcessHandle.Info info = handle.info();
        Optional<List<String>> arguments = info.arguments().map(List::of);
        if (arguments.isPresent()) {
            List<String> words = arguments.get();
            int workDir = words.indexOf("--work-dir");
            return words.contains(StandaloneHostFiles.MAIN_CLASS) && workDir >= 0 && workDir + 1 < words.size() && root.equals(words.get(workDir + 1));
        }
        return info.commandLine().map(line -> line.contains(StandaloneHostFiles.MAIN_CLASS) && line.contains("--work-dir " + root)).orElse(false);
    }

    private void pollReady()
    {
        Optional<String> masterUrl = readMasterUrl(files.readyFile());
        if (masterUrl.isPresent()) {
            ready.complete(masterUrl.get());
            return;
        }
        if (exit.isDone()) {
            String reason = LastErrorLine.find(files.stderr()).orElse("no error line in " + files.stderr());
            ready.completeExceptionally(new IllegalStateException("The standalone host in " + files.root() + " ended before it was ready: " + reason));
            return;
        }
        CompletableFuture.runAsync(this::pollReady, CompletableFuture.delayedExecutor(READY_POLL.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static Optional<String> readMasterUrl(Path readyFile)
    {
        try {
            String text = Files.readString(readyFile);
            JsonNode node = new ObjectMapper().readTree(text);
            JsonNode url = node.get("masterUrl");
            return url == null || !url.isTextual() ? Optional.empty() : Optional.of(url.asText());
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            // The host renames a complete file into place, so a bad one is not half-written; it stays not ready.
            return Optional.empty();
        }
    }

}
