package io.emrys.compute.connect;

import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverLostException;
import io.emrys.compute.driver.DriverPlanner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Waits for a Spark Connect server's gRPC port to accept TCP connections. SparkConnectServer opens the port only
 * after its SparkSession is up, so an accepted connection means a client can start talking. The port is on
 * loopback, where a refused connection is answered at once, so a short poll costs next to nothing.
 */
public final class ConnectServerReadiness
{
    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private ConnectServerReadiness() {}

    /**
     * Completes when {@code port} accepts a connection; exceptionally with {@link ConnectServerFailedException}
     * (or the exit's own failure, such as {@link DriverLostException}) when the server ends first.
     */
    static CompletableFuture<Void> await(int port, CompletableFuture<DriverExit> exit, ScheduledExecutorService scheduler, Duration interval)
    {
        requireNonNull(exit, "exit is null");
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(interval, "interval is null");
        CompletableFuture<Void> ready = new CompletableFuture<>();
        exit.whenComplete((ended, failure) -> {
            if (failure != null) {
                ready.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            }
            else {
                ready.completeExceptionally(new ConnectServerFailedException(ended.exitCode(), ended.lastErrorLine()));
            }
        });
        scheduler.execute(() -> probe(port, exit, ready, scheduler, interval));
        return ready;
    }

    private static void probe(int port, CompletableFuture<DriverExit> exit, CompletableFuture<Void> ready, ScheduledExecutorService scheduler, Duration interval)
    {
        // Once the server has ended, whatever now holds the port is not it.
        if (ready.isDone() || exit.isDone()) {
            return;
        }
        if (accepts(port)) {
            ready.complete(null);
            return;
        }
        scheduler.schedule(() -> probe(port, exit, ready, scheduler, interval), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static boolean accepts(int port)
    {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(DriverPlanner.LOOPBACK, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
