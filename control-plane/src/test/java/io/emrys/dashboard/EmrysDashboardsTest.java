package io.emrys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.emrys.common.ApplicationId;
import io.emrys.common.JobRunId;
import io.emrys.common.SessionId;
import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.JobRunAttempt;
import io.emrys.jobrun.JobRunSpec;
import io.emrys.session.Session;
import io.emrys.session.SessionSpec;
import io.emrys.session.SessionState;
import io.emrys.testing.TestingClock;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EmrysDashboardsTest
{
    private static final TestingClock CLOCK = new TestingClock(Instant.parse("2026-11-21T05:00:00Z"));
    private static final DashboardGrants GRANTS = new DashboardGrants(CLOCK, new SecureRandom());

    @Test
    void urlNamesTheRunAttemptUnderTheApiServer()
    {
        Instant now = Instant.parse("2026-11-21T05:00:00Z");
        JobRunId id = new JobRunId("00fabc123");
        JobRun run = new JobRun(id, new ApplicationId("00fapp"), "arn:aws:emr-serverless:us-east-1:000000000000:/applications/00fapp/jobruns/00fabc123",
                "arn:aws:iam::000000000000:root", "emr-spark-8.0", JobRunSpec.fromInput(JsonNodeFactory.instance.objectNode()), now);

        assertThat(new EmrysDashboards(() -> URI.create("http://127.0.0.1:8080"), GRANTS).urlFor(run, JobRunAttempt.submitted(id, 2, now)))
                .startsWith("http://127.0.0.1:8080/dashboard/00fabc123-2/?emrysToken=");
        String url = new EmrysDashboards(() -> URI.create("http://127.0.0.1:8080/"), GRANTS).urlFor(run, JobRunAttempt.submitted(id, 1, now));
        assertThat(url).startsWith("http://127.0.0.1:8080/dashboard/00fabc123-1/?emrysToken=");
        String token = url.substring(url.indexOf('=') + 1);
        assertThat(GRANTS.validUntil("00fabc123-1", token)).contains(CLOCK.instant().plus(DashboardGrants.LIFETIME).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(GRANTS.validUntil("00fabc123-2", token)).as("another attempt's dashboard").isEmpty();
    }

    @Test
    void sessionUrlUsesTheSessionsDashboardId()
    {
        Instant now = Instant.parse("2026-11-21T05:00:00Z");
        Session session = new Session(new SessionId("00fsess1"), new ApplicationId("00fapp"), "arn:aws:emr-serverless:us-east-1:000000000000:/applications/00fapp/sessions/00fsess1",
                "arn:aws:iam::000000000000:root", "emr-spark-8.0", SessionSpec.fromInput(JsonNodeFactory.instance.objectNode()), SessionState.IDLE, "", now, now,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(new EmrysDashboards(() -> URI.create("http://127.0.0.1:8080/"), GRANTS).urlFor(session)).startsWith("http://127.0.0.1:8080/dashboard/00fsess1-1/?emrysToken=");
    }
}
