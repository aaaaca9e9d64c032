package io.emrys.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class BusyIdleTrackerTest
{
    private final List<String> events = new ArrayList<>();
    private final BusyIdleTracker tracker = new BusyIdleTracker(new BusyIdleTracker.Listener()
    {
        @Override
        public synchronized void busy(String sessionId)
        {
            events.add("BUSY " + sessionId);
        }

        @Override
        public synchronized void idle(String sessionId)
        {
            events.add("IDLE " + sessionId);
        }
    });

    @Test
    void reportsBusyAtTheFirstCallAndIdleAfterTheLast()
    {
        tracker.callStarted("s1", "ExecutePlan");
        tracker.callStarted("s1", "AnalyzePlan");
        assertThat(tracker.inFlight("s1")).isEqualTo(2);
        tracker.callEnded("s1", "AnalyzePlan");
        assertThat(events).containsExactly("BUSY s1");
        tracker.callEnded("s1", "ExecutePlan");

        assertThat(events).containsExactly("BUSY s1", "IDLE s1");
        assertThat(tracker.inFlight("s1")).isZero();
    }

    @Test
    void tracksSessionsApart()
    {
        tracker.callStarted("s1", "ExecutePlan");
        tracker.callStarted("s2", "ExecutePlan");
        tracker.callEnded("s1", "ExecutePlan");

        assertThat(events).containsExactly("BUSY s1", "BUSY s2", "IDLE s1");
        assertThat(tracker.inFlight("s2")).isEqualTo(1);
    }

    @Test
    void ignoresAnEndWithoutAStart()
    {
        tracker.callEnded("s1", "ExecutePlan");
        assertThat(events).isEmpty();
        assertThat(tracker.inFlight("s1")).isZero();
    }

    @Test
    void alternatesBusyAndIdleUnderConcurrentCalls()
            throws InterruptedException
    {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int thread = 0; thread < 4; thread++) {
            executor.execute(() -> {
                for (int call = 0; call < 2000; call++) {
                    tracker.callStarted("s1", "ExecutePlan");
                    tracker.callEnded("s1", "ExecutePlan");
                }
                done.countDown();
            });
        }
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        executor.shutdown();

        assertThat(tracker.inFlight("s1")).isZero();
        // the latch orders every listener call before these reads
        assertThat(events).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i)).isEqualTo(i % 2 == 0 ? "BUSY s1" : "IDLE s1");
        }
        assertThat(events).last().isEqualTo("IDLE s1");
    }
}
