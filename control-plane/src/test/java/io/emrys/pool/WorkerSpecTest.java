package io.emrys.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.common.WorkerSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WorkerSpecTest
{
    @Test
    void countsMemoryInGigabytesOfHeap()
    {
        assertThat(new WorkerSpec(2, 1536, 30).capacity()).isEqualTo(new Capacity(2, 1.5, 30));
    }

    @Test
    void sizeAndCapacityAreTheSameAmount()
    {
        WorkerSpec spec = new WorkerSpec(2, 1536, 30);

        assertThat(spec.size()).isEqualTo(new WorkerSize(2, 1.5, 30));
        assertThat(Capacity.of(spec.size())).isEqualTo(spec.capacity());
    }

    @Test
    void writesMemoryAsSparkDoes()
    {
        assertThat(new WorkerSpec(1, 2048, 20).sparkMemory()).isEqualTo("2g");
        assertThat(new WorkerSpec(1, 1536, 20).sparkMemory()).isEqualTo("1536m");
    }

    @Test
    void rejectsSizesThatCannotRunAWorker()
    {
        assertThatThrownBy(() -> new WorkerSpec(0, 1024, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerSpec(1, 0, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerSpec(1, 1024, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
