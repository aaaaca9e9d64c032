package io.emrys.session;

import io.emrys.application.Application;
import io.emrys.error.EmrysException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for Spark Connect at the process edge: each session's "driver" is a real {@code sleep} process, ready
 * at once, so the session state machine (limits, timeouts, busy/idle, termination) is tested in milliseconds.
 * The real Spark Connect path is covered by the integration tests.
 */
final class SleepingSessionDrivers
        implements SessionDriverSupervisor
{
    private final AtomicInteger ports = new AtomicInteger(40000);

    @Override
    public void validate(Application application, SessionSpec spec)
    {
        if (spec.runtimeConfiguration().toString().contains("spark.connect.grpc.binding.port")) {
            throw EmrysException.validation("spark.connect.grpc.binding.port is reserved");
        }
    }

    @Override
    public SessionDriver launch(Application application, Session session, Path workDir)
    {
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(List.of("sleep", "600")).start();
            return new SleepingDriver(process, ports.incrementAndGet());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<SessionDriver> adopt(Application application, Session session, long pid, Path workDir)
    {
        return Optional.empty();
    }

    private record SleepingDriver(Process process, int grpcPort)
            implements SessionDriver
    {
        @Override
        public long pid()
        {
            return process.pid();
        }

        @Override
        public Optional<Integer> uiPort()
        {
            return Optional.empty();
        }

        @Override
        public double vcpu()
        {
            return 1;
        }

        @Override
        public double memoryGb()
        {
            return 1;
        }

        @Override
        public double diskGb()
        {
            return 20;
        }

        @Override
        public CompletableFuture<Void> ready()
        {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Optional<String>> onExit()
        {
            return process.onExit().thenApply(ended -> Optional.empty());
        }

        @Override
        public void stop(Duration grace)
        {
            process.destroy();
        }
    }
}
