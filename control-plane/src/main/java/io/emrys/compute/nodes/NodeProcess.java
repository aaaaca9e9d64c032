package io.emrys.compute.nodes;

import static java.util.Objects.requireNonNull;

import io.emrys.common.ProcessExits;
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
import java.util.function.Function;

/**
 * One process of a cluster (a master, a worker or a step driver) with its stdout and stderr in files. Readiness is
 * told by a line of its stderr (Spark logs there), polled on the common pool's delayed executor.
 */
public final class NodeProcess
{
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Function<String, Optional<String>> readiness;

    NodeProcess(Process process, Path stdout, Path stderr, Function<String, Optional<String>> readiness)
    {
        this.process = requireNonNull(process, "process is null");
        this.stdout = requireNonNull(stdout, "stdout is null");
        this.stderr = requireNonNull(stderr, "stderr is null");
        this.readiness = requireNonNull(readiness, "readiness is null");
        poll();
    }

    /** What the readiness line said (the master's URL); fails when the process ends before it. */
    public CompletableFuture<String> ready()
    {
        return ready.copy();
    }

    public CompletableFuture<Integer> onExit()
    {
        return process.onExit().thenApply(Process::exitValue);
    }

    public boolean isAlive()
    {
        return process.isAlive();
    }

    public long pid()
    {
        return process.pid();
    }

    public Path stdout()
    {
        return stdout;
    }

    public Path stderr()
    {
        return stderr;
    }

    /**
     * SIGTERM, SIGKILL after {@code grace}, then SIGKILL to every descendant left (a worker's executors, a PySpark
     * driver's Python); the descendants are taken before the process goes, as an orphan is nobody's descendant.
     */
    public void stop(Duration grace)
    {
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        process.destroy();
        if (!ProcessExits.await(process.toHandle(), grace)) {
            descendants.addAll(process.descendants().toList());
            process.destroyForcibly();
            ProcessExits.await(process.toHandle(), KILL_WAIT);
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        for (ProcessHandle child : descendants) {
            ProcessExits.await(child, KILL_WAIT);
        }
    }

    private void poll()
    {
        Optional<String> found = read().flatMap(readiness);
        if (found.isPresent()) {
            ready.complete(found.get());
            return;
        }
        if (!process.isAlive()) {
            ready.completeExceptionally(new IllegalStateException("The process ended (exit " + process.exitValue() + ") before it was ready; see " + stderr));
            return;
        }
        CompletableFuture.runAsync(this::poll, CompletableFuture.delayedExecutor(POLL.toMillis(), TimeUnit.MILLISECONDS));
    }

    private Optional<String> read()
    {
        try {
            return Optional.of(Files.readString(stderr));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString()
    {
        return "NodeProcess{pid=" + process.pid() + ", stderr=" + stderr + "}";
    }
}
