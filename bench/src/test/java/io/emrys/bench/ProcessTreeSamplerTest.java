package io.emrys.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ProcessTreeSamplerTest
{
    @Test
    void samplesTheRootAndKeepsItsPeakByKind()
    {
        // This test's own JVM as the root: no process is started.
        long self = ProcessHandle.current().pid();
        try (ProcessTreeSampler sampler = new ProcessTreeSampler(self, new ProcessClassifier(self, Path.of("/nonexistent")), Duration.ofSeconds(1))) {
            List<ProcessTreeSampler.ProcessSample> now = sampler.sample();
            sampler.sample();

            assertThat(now).filteredOn(sample -> sample.pid() == self).singleElement()
                    .satisfies(sample -> {
                        assertThat(sample.kind()).isEqualTo(ProcessKind.CONTROL_PLANE);
                        assertThat(sample.rssKb()).isPositive();
                        assertThat(sample.peakRssKb()).isGreaterThanOrEqualTo(sample.rssKb());
                    });
            ProcessTreeSampler.Summary summary = sampler.summary();
            assertThat(summary.samples()).isEqualTo(2);
            assertThat(summary.kinds()).filteredOn(kind -> kind.kind() == ProcessKind.CONTROL_PLANE).singleElement()
                    .satisfies(kind -> {
                        assertThat(kind.processes()).isEqualTo(1);
                        assertThat(kind.maxPeakKb()).isPositive();
                        assertThat(kind.maxTotalRssKb()).isPositive().isLessThanOrEqualTo(summary.maxTreeRssKb());
                    });
        }
    }

    @Test
    void aProcessThatIsGoneGivesAnEmptySample()
    {
        try (ProcessTreeSampler sampler = new ProcessTreeSampler(Long.MAX_VALUE, new ProcessClassifier(Long.MAX_VALUE, Path.of("/nonexistent")),
                Duration.ofSeconds(1))) {
            assertThat(sampler.sample()).isEmpty();
            assertThat(sampler.summary().kinds()).isEmpty();
        }
    }
}
