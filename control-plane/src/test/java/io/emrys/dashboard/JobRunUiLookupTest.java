package io.emrys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.common.JobRunId;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.jobrun.JobRunAttempt;
import io.emrys.jobrun.JobRunState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class JobRunUiLookupTest
{
    private static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");

    @Test
    void findsEachAttemptOfARunByItsRunAttemptId()
    {
        JobRunId id = new JobRunId("00fabc");
        JobRunAttempt failed = JobRunAttempt.submitted(id, 1, NOW)
                .withDriver(new DriverRef("local-process:42"), "/data/runs/00fabc-1", Optional.of(4041), NOW)
                .to(JobRunState.RUNNING, "", NOW)
                .to(JobRunState.FAILED, "exit 1", NOW);
        JobRunAttempt retry = JobRunAttempt.submitted(id, 2, NOW)
                .withDriver(new DriverRef("local-process:43"), "/data/runs/00fabc-2", Optional.of(4042), NOW)
                .to(JobRunState.RUNNING, "", NOW);
        Map<JobRunId, List<JobRunAttempt>> runs = Map.of(id, List.of(failed, retry));
        JobRunUiLookup lookup = new JobRunUiLookup(run -> runs.getOrDefault(run, List.of()));

        assertThat(lookup.apply("00fabc-1")).contains(new RunUi.Ended(Path.of("/data/runs/00fabc-1/spark-events")));
        assertThat(lookup.apply("00fabc-2")).contains(new RunUi.Live(4042));
        assertThat(lookup.apply("00fabc-3")).isEmpty();
        assertThat(lookup.apply("00fother-1")).isEmpty();
        assertThat(lookup.apply("spark-history")).isEmpty();
    }
}
