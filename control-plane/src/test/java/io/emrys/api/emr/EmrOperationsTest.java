package io.emrys.api.emr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmrOperationsTest
{
    @Test
    void normalizesInstanceHoursByEmrsSizeFactors()
    {
        assertThat(EmrOperations.sizeFactor("m6g.medium")).isEqualTo(2);
        assertThat(EmrOperations.sizeFactor("m5.large")).isEqualTo(4);
        assertThat(EmrOperations.sizeFactor("m5.xlarge")).isEqualTo(8);
        assertThat(EmrOperations.sizeFactor("r5d.2xlarge")).isEqualTo(16);
        assertThat(EmrOperations.sizeFactor("c5.9xlarge")).isEqualTo(72);
        assertThat(EmrOperations.sizeFactor("m5.24xlarge")).isEqualTo(192);
    }
}
