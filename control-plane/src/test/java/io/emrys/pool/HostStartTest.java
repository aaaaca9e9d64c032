package io.emrys.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.compute.driver.StandaloneMaster;
import io.emrys.error.EmrysException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HostStartTest
{
    private static final Path READY_FILE = Path.of("/data/pool/00app/standalone-host/standalone-ready.json");

    @Test
    void aHostThatIsStillStartingIsAMasterTheDriverWaitsForByItsReadyFile()
    {
        HostStart start = new HostStart("00app", READY_FILE, new CompletableFuture<>(), Duration.ofSeconds(1));

        assertThat(start.master()).isEqualTo(new StandaloneMaster.Starting(READY_FILE));
    }

    @Test
    void aReadyHostIsARunningMasterWithItsUrl()
    {
        HostStart start = new HostStart("00app", READY_FILE, CompletableFuture.completedFuture("spark://127.0.0.1:7077"), Duration.ofSeconds(1));

        assertThat(start.master()).isEqualTo(new StandaloneMaster.Running("spark://127.0.0.1:7077"));
        assertThat(start.awaitMasterUrl()).isEqualTo("spark://127.0.0.1:7077");
    }

    @Test
    void aHostThatEndedBeforeItWasReadyFailsTheWorkWithItsReason()
    {
        HostStart start = new HostStart("00app", READY_FILE,
                CompletableFuture.failedFuture(new IllegalStateException("The standalone host in /data ended before it was ready: Address already in use")),
                Duration.ofSeconds(1));

        assertThat(start.master()).isInstanceOf(StandaloneMaster.Starting.class);
        assertThatThrownBy(start::awaitMasterUrl)
                .isInstanceOf(EmrysException.class)
                .hasMessage("The Spark standalone host of application 00app could not be started: "
                        + "The standalone host in /data ended before it was ready: Address already in use");
    }

    @Test
    void aHostThatTakesLongerThanTheTimeoutFailsTheWork()
    {
        HostStart start = new HostStart("00app", READY_FILE, new CompletableFuture<>(), Duration.ofMillis(10));

        assertThatThrownBy(start::awaitMasterUrl)
                .isInstanceOf(EmrysException.class)
                .hasMessage("The Spark standalone host of application 00app did not start within PT0.01S");
    }
}
