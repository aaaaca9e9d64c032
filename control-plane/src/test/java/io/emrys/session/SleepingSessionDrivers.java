package io.emrys.session;

import io.emrys.application.Application;
import io.emrys.common.ConnectSecret;
import io.emrys.common.WorkerSize;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.compute.cluster.LocalProcessCluster;
import io.emrys.error.EmrysException;
import io.emrys.workload.ConnectEndpoint;
import io.emrys.workload.DriverHandle;
import io.emrys.workload.DriverOutcome;
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
        implements SessionDrivers
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
    public DriverHandle launch(Application application, Session session, Path workDir)
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
    public Optional<DriverHandle> adopt(Application application, Session session, DriverRef ref, Path workDir)
    {
        return Optional.empty();
    }

    @Override
    public Optional<DriverOutcome> recordedExit(Path workDir)
    {
        return Optional.empty();
    }

    private record SleepingDriver(Process process, int grpcPort)
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
            return new WorkerSize(1, 1, 20);
        }

        @Override
        public Optional<ConnectEndpoint> connect()
        {
            return Optional.of(new ConnectEndpoint(grpcPort, ConnectSecret.random(), CompletableFuture.completedFuture(null)));
        }

        @Override
        public CompletableFuture<DriverOutcome> onExit()
        {
            return process.onExit().thenApply(ended -> new DriverOutcome(ended.exitValue(), Optional.empty()));
        }

        @Override
        public void stop(Duration grace)
        {
            process.destroy();
        }
    }
}
