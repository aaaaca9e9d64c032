package io.emrys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.common.JobRunId;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.jobrun.JobRunAttempt;
import io.emrys.jobrun.JobRunState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RunUiTest
{
    private static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");

    @Test
    void runningAndCancellingAttemptsShowTheLiveUi()
    {
        assertThat(RunUi.forAttempt(launched(JobRunState.RUNNING))).isEqualTo(new RunUi.Live(4041));
        assertThat(RunUi.forAttempt(launched(JobRunState.RUNNING).to(JobRunState.CANCELLING, "", NOW))).isEqualTo(new RunUi.Live(4041));
    }

    @Test
    void endedAttemptsShowTheHistoryOfTheirEventLogFolder()
    {
        for (JobRunState end : new JobRunState[] {JobRunState.SUCCESS, JobRunState.FAILED, JobRunState.CANCELLED}) {
            assertThat(RunUi.forAttempt(launched(JobRunState.RUNNING).to(end, "", NOW)))
                    .isEqualTo(new RunUi.Ended(Path.of("/data/runs/abc-1/spark-events")));
        }
    }

    @Test
    void attemptThatEndedBeforeLaunchHasNoUi()
    {
        JobRunAttempt failed = JobRunAttempt.submitted(new JobRunId("abc"), 1, NOW).to(JobRunState.FAILED, "bad entry point", NOW);

        RunUi ui = RunUi.forAttempt(failed);

        assertThat(ui).isInstanceOfSatisfying(RunUi.Unavailable.class, unavailable -> {
            assertThat(unavailable.temporary()).isFalse();
            assertThat(unavailable.reason()).contains("FAILED");
        });
    }

    @Test
    void attemptNotYetRunningMayShowAUiSoon()
    {
        JobRunAttempt pending = JobRunAttempt.submitted(new JobRunId("abc"), 1, NOW).to(JobRunState.PENDING, "", NOW);

        assertThat(RunUi.forAttempt(pending)).isInstanceOfSatisfying(RunUi.Unavailable.class,
                unavailable -> assertThat(unavailable.temporary()).isTrue());
    }

    @Test
    void runningAttemptWithoutAKnownPortHasNoUi()
    {
        JobRunAttempt adopted = JobRunAttempt.submitted(new JobRunId("abc"), 1, NOW)
                .withDriver(new DriverRef("local-process:42"), "/data/runs/abc-1", Optional.of(0), NOW)
                .to(JobRunState.RUNNING, "", NOW);

        assertThat(RunUi.forAttempt(adopted)).isInstanceOf(RunUi.Unavailable.class);
    }

    private static JobRunAttempt launched(JobRunState state)
    {
        return JobRunAttempt.submitted(new JobRunId("abc"), 1, NOW)
                .withDriver(new DriverRef("local-process:42"), "/data/runs/abc-1", Optional.of(4041), NOW)
                .to(state, "", NOW);
    }
}
