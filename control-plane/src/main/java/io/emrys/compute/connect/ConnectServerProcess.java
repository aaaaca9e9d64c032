package io.emrys.compute.connect;

import io.emrys.common.ConnectSecret;
import io.emrys.common.WorkerSize;
import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * A running (or re-adopted) Spark Connect server: a driver JVM, like a job run's, whose gRPC port on
 * {@code 127.0.0.1} serves the session's Spark Connect clients.
 */
public final class ConnectServerProcess
{
    private final DriverProcess driver;
    private final int grpcPort;
    private final ConnectSecret secret;
    private final CompletableFuture<Void> ready;

    public ConnectServerProcess(DriverProcess driver, int grpcPort, ConnectSecret secret, CompletableFuture<Void> ready)
    {
        this.driver = requireNonNull(driver, "driver is null");
        this.grpcPort = grpcPort;
        this.secret = requireNonNull(secret, "secret is null");
        this.ready = requireNonNull(ready, "ready is null");
    }

    /** The driver JVM that runs the server (its pid, UI port, worker record, exit and stop). */
    public DriverProcess driver()
    {
        return driver;
    }

    public String sessionId()
    {
        return driver.runId();
    }

    /** The server JVM's process id (the wrapping shell's only when the JVM never started). */
    public long pid()
    {
        return driver.pid();
    }

    public Path workDir()
    {
        return driver.workDir();
    }

    /** The loopback port Spark Connect clients (through the Emrys gateway) talk gRPC to. */
    public int grpcPort()
    {
        return grpcPort;
    }

    /** What every call to {@link #grpcPort()} must carry ({@code authorization: Bearer SECRET}); see {@link ConnectAuthentication}. */
    public ConnectSecret secret()
    {
        return secret;
    }

    /** The loopback port of the server's live Spark UI. */
    public int uiPort()
    {
        return driver.uiPort();
    }

    /** The server driver's size; see {@link DriverProcess#size()}. */
    public WorkerSize size()
    {
        return driver.size();
    }

    /**
     * Completes once the gRPC port accepts connections (the session can go to STARTED); completes exceptionally
     * with {@link ConnectServerFailedException}, whose message says why, when the server ends before that. It never
     * times out by itself: a caller that wants a limit uses {@code orTimeout} and then {@link #stop}. The returned
     * stage is a copy.
     */
    public CompletableFuture<Void> ready()
    {
        return ready.copy();
    }

    /** Completes with the exit once the server has ended and its logs are archived; see {@link DriverProcess#onExit()}. */
    public CompletableFuture<DriverExit> onExit()
    {
        return driver.onExit();
    }

    public boolean isAlive()
    {
        return driver.isAlive();
    }

    /**
     * SIGTERM (Spark's shutdown hooks stop the gRPC server and SparkContext and finish the event log), then SIGKILL
     * if still alive after {@code grace}. Returns at once; watch {@link #onExit()} (exit code 143 after SIGTERM).
     */
    public void stop(Duration grace)
    {
        driver.stop(grace);
    }

    @Override
    public String toString()
    {
        return "ConnectServerProcess{sessionId=" + sessionId() + ", pid=" + pid() + ", grpcPort=" + grpcPort + ", workDir=" + workDir() + "}";
    }
}
