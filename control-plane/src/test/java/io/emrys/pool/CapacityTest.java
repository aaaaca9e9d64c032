package io.emrys.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CapacityTest
{
    @Test
    void addsSubtractsAndMultipliesComponentWise()
    {
        Capacity worker = new Capacity(2, 4, 20);

        assertThat(worker.plus(new Capacity(1, 0.5, 10))).isEqualTo(new Capacity(3, 4.5, 30));
        assertThat(worker.minus(new Capacity(1, 1, 5))).isEqualTo(new Capacity(1, 3, 15));
        assertThat(worker.times(3)).isEqualTo(new Capacity(6, 12, 60));
        assertThat(worker.times(0)).isEqualTo(Capacity.ZERO);
    }

    @Test
    void fitsOnlyWhenEveryComponentFits()
    {
        Capacity limit = new Capacity(4, 8, 100);

        assertThat(new Capacity(4, 8, 100).fitsIn(limit)).isTrue();
        assertThat(new Capacity(5, 1, 1).fitsIn(limit)).isFalse();
        assertThat(new Capacity(1, 8.5, 1).fitsIn(limit)).isFalse();
        assertThat(new Capacity(1, 1, 101).fitsIn(limit)).isFalse();
    }

    @Test
    void sumsOfOddMemorySizesStillFitALimitTheyExactlyMeet()
    {
        // 1000 MiB is not exact in binary; 1024 of them are exactly 1000 GB but the sum drifts by rounding.
        Capacity sum = Capacity.ZERO;
        for (int i = 0; i < 1024; i++) {
            sum = sum.plus(new Capacity(0, 1000 / 1024.0, 0));
        }

        assertThat(sum.fitsIn(new Capacity(0, 1000, 0))).isTrue();
        assertThat(sum.fitsIn(new Capacity(0, 999.999, 0))).isFalse();
    }

    @Test
    void unlimitedDiskFitsAnything()
    {
        Capacity limit = new Capacity(4, 8, Double.POSITIVE_INFINITY);

        assertThat(new Capacity(4, 8, 1_000_000).fitsIn(limit)).isTrue();
        assertThat(limit.times(0)).isEqualTo(Capacity.ZERO);
    }

    @Test
    void printsLikeAwsSizes()
    {
        assertThat(new Capacity(2, 4, 20)).hasToString("2 vCPU, 4 GB, 20 GB disk");
        assertThat(new Capacity(1, 0.5, 20)).hasToString("1 vCPU, 0.5 GB, 20 GB disk");
        assertThat(new Capacity(1, 1000 / 1024.0, 20)).hasToString("1 vCPU, 0.977 GB, 20 GB disk");
        assertThat(new Capacity(8, 16, Double.POSITIVE_INFINITY)).hasToString("8 vCPU, 16 GB, no disk limit");
    }

    @Test
    void rejectsNotANumberAndNegativeCounts()
    {
        assertThatThrownBy(() -> new Capacity(Double.NaN, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Capacity(1, 1, 1).times(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
