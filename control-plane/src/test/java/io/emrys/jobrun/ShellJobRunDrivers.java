package io.emrys.jobrun;

import io.emrys.application.Application;
import io.emrys.common.WorkerSize;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.compute.cluster.LocalProcessCluster;
import io.emrys.error.EmrysException;
import io.emrys.workload.DriverHandle;
import io.emrys.workload.DriverOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for Spark at the process edge: a job's entry point is a shell command, run as a real child process
 * with its output in the work dir. Lets the job-run state machine be tested (exit codes, cancel, timeout, retry,
 * re-adoption) in milliseconds; the real Spark path is covered by the integration tests.
 */
final class ShellJobRunDrivers
        implements JobRunDrivers
{
    private final boolean forgetful;

    /** @param forgetful never report exits, like a control plane that died while its drivers ran on */
    ShellJobRunDrivers(boolean forgetful)
    {
        this.forgetful = forgetful;
    }

    @Override
    public void validate(Application application, JobRunSpec spec)
    {
        if (spec.entryPoint().contains("invalid")) {
            throw EmrysException.validation("entry point refused by the test supervisor");
        }
    }

    @Override
    public DriverHandle launch(Application application, JobRun run, int attempt, Path workDir)
    {
        String command = run.spec().entryPoint().replace("$ATTEMPT", Integer.toString(attempt));
        if (command.startsWith("unlaunchable")) {
            throw new IllegalStateException("cannot launch " + command);
        }
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(List.of("/bin/sh", "-c", command))
                    .directory(workDir.toFile())
                    .redirectOutput(workDir.resolve("stdout").toFile())
                    .redirectError(workDir.resolve("stderr").toFile())
                    .start();
            return new ShellDriver(process, workDir, forgetful);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<DriverHandle> adopt(Application application, JobRun run, int attempt, DriverRef ref, Path workDir)
    {
        // the shell drivers are local processes, named as the local cluster manager names them
        OptionalLong pid = LocalProcessCluster.processId(ref);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive).map(handle -> new AdoptedDriver(handle, workDir, this));
    }

    @Override
    public Optional<DriverOutcome> recordedExit(Path workDir)
    {
        Path exitCode = workDir.resolve("exit-code");
        if (!Files.exists(exitCode)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DriverOutcome(Integer.parseInt(Files.readString(exitCode).trim()), Optional.empty()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record ShellDriver(Process process, Path workDir, boolean forgetful)
            implements DriverHandle
    {
        @Override
        public DriverRef ref()
        {
            return LocalProcessCluster.processRef(process.pid());
        }

        @Override
        public Optional<Integer> uiPort()
        {
            return Optional.empty();
        }

        @Override
        public WorkerSize size()
        {
            return new WorkerSize(1, 2, 20);
        }

        @Override
        public CompletableFuture<DriverOutcome> onExit()
        {
            if (forgetful) {
                return new CompletableFuture<>();
            }
            return process.onExit().thenApply(ended -> {
                String lastLine;
                try {
                    List<String> lines = Files.readAllLines(workDir.resolve("stderr"));
                    lastLine = lines.isEmpty() ? null : lines.get(lines.size() - 1);
                }
                catch (IOException e) {
                    lastLine = null;
                }
                return new DriverOutcome(ended.exitValue(), Optional.ofNullable(lastLine));
            });
        }

        @Override
        public void stop(Duration grace)
        {
            // as DriverHandle says: a zero grace kills at once, without SIGTERM
            if (grace.isZero()) {
                process.destroyForcibly();
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record AdoptedDriver(ProcessHandle handle, Path workDir, ShellJobRunDrivers supervisor)
            implements DriverHandle
    {
        @Override
        public DriverRef ref()
        {
            return LocalProcessCluster.processRef(handle.pid());
        }

        @Override
        public Optional<Integer> uiPort()
        {
            return Optional.empty();
        }

        @Override
        public WorkerSize size()
        {
            return new WorkerSize(1, 2, 20);
        }

        @Override
        public CompletableFuture<DriverOutcome> onExit()
        {
            return handle.onExit().thenApply(ended -> supervisor.recordedExit(workDir)
                    .orElse(new DriverOutcome(-1, Optional.of("no exit code recorded"))));
        }

        @Override
        public void stop(Duration grace)
        {
            handle.destroy();
        }
    }
}
