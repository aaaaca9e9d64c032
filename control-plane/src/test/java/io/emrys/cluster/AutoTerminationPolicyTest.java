package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.error.EmrysException;
import io.emrys.testing.TestingClock;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AutoTerminationPolicyTest
{
    private final TestingClock clock = new TestingClock(Instant.parse("2026-12-03T10:00:00Z"));

    @Test
    void anIdleClusterExpiresOnceItsIdleTimeoutHasPassed()
    {
        AutoTerminationPolicy policy = AutoTerminationPolicy.of(600, clock.instant());
        Instant idleSince = clock.instant();
        clock.advance(Duration.ofSeconds(599));
        assertThat(policy.expired(idleSince, clock.instant())).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(policy.expired(idleSince, clock.instant())).isTrue();
    }

    @Test
    void idleTimeCountsFromThePolicyWhenItIsSetOnAnAlreadyIdleCluster()
    {
        Instant idleSince = clock.instant();
        clock.advance(Duration.ofHours(5));
        AutoTerminationPolicy policy = AutoTerminationPolicy.of(60, clock.instant());
        assertThat(policy.expired(idleSince, clock.instant())).as("not ended at once").isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(policy.expired(idleSince, clock.instant())).isTrue();
    }

    @Test
    void idleTimeCountsFromTheLatestIdleStartAfterTheClusterWorked()
    {
        AutoTerminationPolicy policy = AutoTerminationPolicy.of(60, clock.instant());
        clock.advance(Duration.ofMinutes(30));
        Instant idleAgain = clock.instant();
        clock.advance(Duration.ofSeconds(59));
        assertThat(policy.expired(idleAgain, clock.instant())).isFalse();
    }

    @Test
    void idleTimeoutsOutsideAwsBoundsAreValidationErrors()
    {
        assertThat(AutoTerminationPolicy.of(60, clock.instant()).idleTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(AutoTerminationPolicy.of(604_800, clock.instant()).idleTimeout()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> AutoTerminationPolicy.of(59, clock.instant())).isInstanceOf(EmrysException.class).hasMessageContaining("59");
        assertThatThrownBy(() -> AutoTerminationPolicy.of(604_801, clock.instant())).isInstanceOf(EmrysException.class).hasMessageContaining("604801");
    }
}
