package io.emrys.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.emrys.dashboard.UpstreamProxy.rewriteLocation;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class UpstreamProxyTest
{
    private static final String UPSTREAM = "127.0.0.1:4040";
    private static final String PREFIX = "/dashboard/abc-1";

    @Test
    void absoluteRedirectOnTheUpstreamBecomesAPrefixedPath()
    {
        assertThat(rewriteLocation("http://127.0.0.1:4040/jobs/", UPSTREAM, PREFIX)).isEqualTo("/dashboard/abc-1/jobs/");
        assertThat(rewriteLocation("http://127.0.0.1:4040/stages/stage/?id=1&attempt=0", UPSTREAM, PREFIX))
                .isEqualTo("/dashboard/abc-1/stages/stage/?id=1&attempt=0");
        assertThat(rewriteLocation("http://127.0.0.1:4040", UPSTREAM, PREFIX)).isEqualTo("/dashboard/abc-1/");
    }

    @Test
    void absolutePathGetsThePrefix()
    {
        assertThat(rewriteLocation("/history/local-1/jobs/", UPSTREAM, "/dashboard/spark-history"))
                .isEqualTo("/dashboard/spark-history/history/local-1/jobs/");
    }

    @Test
    void redirectSparkAlreadyPrefixedThroughProxyBaseIsKept()
    {
        assertThat(rewriteLocation("http://127.0.0.1:4040/dashboard/abc-1/stages/", UPSTREAM, PREFIX)).isEqualTo("/dashboard/abc-1/stages/");
        assertThat(rewriteLocation("/dashboard/abc-1/jobs/", UPSTREAM, PREFIX)).isEqualTo("/dashboard/abc-1/jobs/");
        assertThat(rewriteLocation("/dashboard/abc-1", UPSTREAM, PREFIX)).isEqualTo("/dashboard/abc-1");
    }

    @Test
    void otherHostsAndRelativeReferencesAreLeftAlone()
    {
        assertThat(rewriteLocation("https://spark.apache.org/docs/", UPSTREAM, PREFIX)).isEqualTo("https://spark.apache.org/docs/");
        assertThat(rewriteLocation("http://127.0.0.1:4041/jobs/", UPSTREAM, PREFIX)).isEqualTo("http://127.0.0.1:4041/jobs/");
        assertThat(rewriteLocation("jobs/", UPSTREAM, PREFIX)).isEqualTo("jobs/");
        assertThat(rewriteLocation("//evil.example/x", UPSTREAM, PREFIX)).isEqualTo("//evil.example/x");
        assertThat(rewriteLocation("not a uri ^", UPSTREAM, PREFIX)).isEqualTo("not a uri ^");
    }

    @Test
    void prefixMatchesWholeSegmentsOnly()
    {
        assertThat(rewriteLocation("/dashboard/abc-10/jobs/", UPSTREAM, PREFIX)).isEqualTo("/dashboard/abc-1/dashboard/abc-10/jobs/");
    }
}
