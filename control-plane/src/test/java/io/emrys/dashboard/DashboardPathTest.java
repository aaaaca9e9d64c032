package io.emrys.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class DashboardPathTest
{
    @Test
    void splitsRunAttemptTargetFromUpstreamPathAndQuery()
    {
        DashboardPath path = DashboardPath.parse("/dashboard/00fabc123-2/stages/stage/?id=3&attempt=0").orElseThrow();

        assertThat(path.target()).isEqualTo("00fabc123-2");
        assertThat(path.isHistory()).isFalse();
        assertThat(path.remainder()).isEqualTo("/stages/stage/");
        assertThat(path.query()).isEqualTo("id=3&attempt=0");
        assertThat(path.prefix()).isEqualTo("/dashboard/00fabc123-2");
        assertThat(path.upstreamPathAndQuery()).isEqualTo("/stages/stage/?id=3&attempt=0");
        assertThat(path.needsTrailingSlash()).isFalse();
    }

    @Test
    void targetRootIsTheUpstreamRoot()
    {
        DashboardPath path = DashboardPath.parse("/dashboard/abc-1/").orElseThrow();

        assertThat(path.remainder()).isEqualTo("/");
        assertThat(path.upstreamPathAndQuery()).isEqualTo("/");
    }

    @Test
    void targetWithoutTrailingSlashIsRedirectedWithItsQuery()
    {
        DashboardPath path = DashboardPath.parse("/dashboard/abc-1?x=1").orElseThrow();

        assertThat(path.needsTrailingSlash()).isTrue();
        assertThat(path.withTrailingSlash()).isEqualTo("/dashboard/abc-1/?x=1");
    }

    @Test
    void historyTargetIsRecognised()
    {
        DashboardPath path = DashboardPath.parse("/dashboard/spark-history/history/local-1700000000000/jobs/").orElseThrow();

        assertThat(path.isHistory()).isTrue();
        assertThat(path.upstreamPathAndQuery()).isEqualTo("/history/local-1700000000000/jobs/");
        assertThat(path.prefix()).isEqualTo(DashboardService.proxyBase(DashboardPath.HISTORY_TARGET));
    }

    @Test
    void rejectsPathsThatNameNoRunAttempt()
    {
        assertThat(DashboardPath.parse("/dashboard/")).isEmpty();
        assertThat(DashboardPath.parse("/dashboard/abc/jobs/")).isEmpty();
        assertThat(DashboardPath.parse("/dashboard/ABC-1/")).isEmpty();
        assertThat(DashboardPath.parse("/dashboard/abc-0/")).isEmpty();
        assertThat(DashboardPath.parse("/dashboard/abc-1x/")).isEmpty();
        assertThat(DashboardPath.parse("/dashboard/../etc/passwd")).isEmpty();
        assertThat(DashboardPath.parse("/other/abc-1/")).isEmpty();
        assertThat(DashboardPath.parse("/dashboard/" + "a".repeat(65) + "-1/")).isEmpty();
    }

    @Test
    void proxyBaseIsThePrefixWithoutTrailingSlash()
    {
        assertThat(DashboardService.proxyBase("00fabc123-1")).isEqualTo("/dashboard/00fabc123-1");
        assertThatThrownBy(() -> DashboardService.proxyBase("not an id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endedRunPagesMapOntoTheSamePageOfTheHistoryApplication()
    {
        HistoryApplication application = new HistoryApplication("local-17", Optional.empty());
        HistoryApplication withAttempt = new HistoryApplication("application_1_2", Optional.of("1"));

        assertThat(DashboardService.historyLocation(application, DashboardPath.parse("/dashboard/abc-1/").orElseThrow()))
                .isEqualTo("/dashboard/spark-history/history/local-17/jobs/");
        assertThat(DashboardService.historyLocation(application, DashboardPath.parse("/dashboard/abc-1/stages/stage/?id=2").orElseThrow()))
                .isEqualTo("/dashboard/spark-history/history/local-17/stages/stage/?id=2");
        assertThat(DashboardService.historyLocation(withAttempt, DashboardPath.parse("/dashboard/abc-1/").orElseThrow()))
                .isEqualTo("/dashboard/spark-history/history/application_1_2/1/jobs/");
    }
}
