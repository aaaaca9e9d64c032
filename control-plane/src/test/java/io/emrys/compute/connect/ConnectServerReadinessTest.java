package io.emrys.compute.connect;

import io.emrys.common.WorkerSize;
import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverLostException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(20)
class ConnectServerReadinessTest
{
    private static final Duration INTERVAL = Duration.ofMillis(20);
    private static final WorkerSize SIZE = new WorkerSize(1, 1, 20);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutDown()
    {
        scheduler.shutdownNow();
    }

    @Test
    void completesOnceThePortAcceptsConnections()
            throws Exception
    {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CompletableFuture<Void> ready = ConnectServerReadiness.await(port, new CompletableFuture<>(), scheduler, INTERVAL);
        Thread.sleep(200);
        assertThat(ready).isNotDone();

        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            ready.get(10, TimeUnit.SECONDS);
        }
        assertThat(ready).isCompleted();
    }

    @Test
    void failsWithTheExitCodeAndLastErrorLineWhenTheServerEndsFirst()
    {
        CompletableFuture<DriverExit> exit = new CompletableFuture<>();
        CompletableFuture<Void> ready = ConnectServerReadiness.await(closedPort(), exit, scheduler, INTERVAL);

        exit.complete(new DriverExit(1, Optional.of("java.lang.ClassNotFoundException: no.such.Serializer"), Instant.EPOCH, SIZE));

        assertThatThrownBy(() -> ready.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(ConnectServerFailedException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.lastErrorLine()).hasValue("java.lang.ClassNotFoundException: no.such.Serializer");
                })
                .hasMessage("The Spark Connect server exited with code 1 before accepting connections: java.lang.ClassNotFoundException: no.such.Serializer");
    }

    @Test
    void failsWithTheLossWhenTheServerEndedWithoutAnExitStatus()
    {
        CompletableFuture<DriverExit> exit = new CompletableFuture<>();
        CompletableFuture<Void> ready = ConnectServerReadiness.await(closedPort(), exit, scheduler, INTERVAL);

        exit.completeExceptionally(new DriverLostException("lost"));

        assertThatThrownBy(() -> ready.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(DriverLostException.class).hasMessage("lost");
    }

    private static int closedPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
