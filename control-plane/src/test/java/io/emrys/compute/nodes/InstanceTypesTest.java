package io.emrys.compute.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.error.EmrysException;
import org.junit.jupiter.api.Test;

class InstanceTypesTest
{
    private final InstanceTypes types = new InstanceTypes();

    @Test
    void holdsAwssFiguresForTheSeedsFamilies()
    {
        assertThat(types.require("m5.xlarge")).isEqualTo(new InstanceType("m5.xlarge", 4, 16 * 1024, 0, 0, "x86_64"));
        assertThat(types.require("m6g.medium")).isEqualTo(new InstanceType("m6g.medium", 1, 4 * 1024, 0, 0, "arm64"));
        assertThat(types.require("m7g.16xlarge")).isEqualTo(new InstanceType("m7g.16xlarge", 64, 256 * 1024, 0, 0, "arm64"));
        assertThat(types.require("c5.9xlarge")).isEqualTo(new InstanceType("c5.9xlarge", 36, 72 * 1024, 0, 0, "x86_64"));
        assertThat(types.require("r5.24xlarge")).isEqualTo(new InstanceType("r5.24xlarge", 96, 768 * 1024, 0, 0, "x86_64"));
        assertThat(types.require("r5d.4xlarge")).isEqualTo(new InstanceType("r5d.4xlarge", 16, 128 * 1024, 600, 2, "x86_64"));
    }

    @Test
    void namesEachTypesFamilyAndWhetherItHasInstanceStorage()
    {
        assertThat(types.require("r5d.24xlarge").family()).isEqualTo("r5d");
        assertThat(types.require("r5d.24xlarge").ebsStorageOnly()).isFalse();
        assertThat(types.require("r5d.24xlarge").disks()).isEqualTo(4);
        assertThat(types.require("m7g.large").family()).isEqualTo("m7g");
        assertThat(types.require("m7g.large").ebsStorageOnly()).isTrue();
    }

    @Test
    void refusesATypeItDoesNotKnowByName()
    {
        assertThatThrownBy(() -> types.require("p4d.24xlarge")).isInstanceOf(EmrysException.class).hasMessageContaining("p4d.24xlarge");
    }

    @Test
    void scalesAnInstanceDownToTheCapsButNeverUp()
    {
        InstanceScale scale = new InstanceScale(2, 1024);

        assertThat(scale.cores(types.require("m5.4xlarge"))).isEqualTo(2);
        assertThat(scale.memoryMb(types.require("m5.4xlarge"))).isEqualTo(1024);
        assertThat(scale.cores(types.require("m6g.medium"))).isEqualTo(1);
        assertThat(InstanceScale.DEFAULT.cores(types.require("r5d.2xlarge"))).isEqualTo(1);
        assertThat(InstanceScale.DEFAULT.memoryMb(types.require("r5d.2xlarge"))).isEqualTo(768);
    }
}
