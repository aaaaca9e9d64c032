package io.emrys.compute.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalProcessClusterTest
{
    @Test
    void aLocalProcessRefNamesThePid()
    {
        DriverRef ref = LocalProcessCluster.processRef(4242);

        assertThat(ref.value()).isEqualTo("local-process:4242");
        assertThat(LocalProcessCluster.processId(ref)).hasValue(4242);
    }

    @Test
    void anotherClusterManagersRefHasNoLocalPid()
    {
        assertThat(LocalProcessCluster.processId(new DriverRef("kubernetes:emrys/driver-1"))).isEmpty();
        assertThat(LocalProcessCluster.processId(new DriverRef("local-process:not-a-pid"))).isEmpty();
    }

    @Test
    void aRefIsNeverBlank()
    {
        assertThatThrownBy(() -> new DriverRef(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
