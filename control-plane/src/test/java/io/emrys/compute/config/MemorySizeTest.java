package io.emrys.compute.config;

import io.emrys.error.EmrysException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class MemorySizeTest
{
    @ParameterizedTest
    @CsvSource({
            "512m, 512, 512m",
            "2g, 2048, 2g",
            "2G, 2048, 2g",
            "4gb, 4096, 4g",
            "1536M, 1536, 1536m",
            "1t, 1048576, 1024g",
            "100k, 1, 1m"})
    void parsesSparkMemorySizes(String text, long mebibytes, String sparkString)
    {
        MemorySize size = MemorySize.parse(text, "--driver-memory");

        assertThat(size.mebibytes()).isEqualTo(mebibytes);
        assertThat(size.toSparkString()).isEqualTo(sparkString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "g", "0m", "-1g", "1.5g", "2x", "01g"})
    void rejectsMalformedSizes(String text)
    {
        assertThatThrownBy(() -> MemorySize.parse(text, "--driver-memory"))
                .isInstanceOf(EmrysException.class)
                .hasMessageContaining("--driver-memory");
    }

    @ParameterizedTest
    @CsvSource({"512, 0.5", "14336, 14.0"})
    void reportsGigabytesForMetering(long mebibytes, double gigabytes)
    {
        assertThat(new MemorySize(mebibytes).gigabytes()).isEqualTo(gigabytes);
    }
}
