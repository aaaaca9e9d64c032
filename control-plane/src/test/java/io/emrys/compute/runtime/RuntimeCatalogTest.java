package io.emrys.compute.runtime;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class RuntimeCatalogTest
{
    @TempDir
    Path temp;

    @Test
    void mapsEmrSpark80ToSpark401()
    {
        ReleaseLabel label = RuntimeCatalog.forRuntimesDirectory(temp).releaseLabel("emr-spark-8.0");

        assertThat(label.sparkVersion()).isEqualTo("4.0.1");
        assertThat(label.scalaVersion()).isEqualTo("2.13");
        assertThat(label.hadoopVersion()).isEqualTo("3.4.1");
    }

    @Test
    void resolvesTheBuildLayoutUnderTheProjectRoot()
            throws IOException
    {
        Path folder = temp.resolve("runtimes/spark-4.0/target/emr-spark-8.0");
        Files.createDirectories(folder.resolve("jars"));

        SparkRuntime runtime = RuntimeCatalog.forProjectRoot(temp).runtime("emr-spark-8.0");

        assertThat(runtime.home()).isEqualTo(folder);
        assertThat(runtime.classPathWildcard()).isEqualTo(folder.resolve("jars") + "/*");
    }

    @Test
    void resolvesAnInstalledRuntimesDirectory()
            throws IOException
    {
        Files.createDirectories(temp.resolve("emr-spark-8.0/jars"));

        assertThat(RuntimeCatalog.forRuntimesDirectory(temp).runtime("emr-spark-8.0").home()).isEqualTo(temp.resolve("emr-spark-8.0"));
    }

    @Test
    void rejectsUnknownReleaseLabelListingTheSupportedOnes()
    {
        assertThatThrownBy(() -> RuntimeCatalog.forRuntimesDirectory(temp).runtime("emr-7.1.0"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("emr-7.1.0")
                .hasMessageContaining("emr-spark-8.0");
    }

    @Test
    void reportsAKnownLabelWithoutItsFolderAsUnavailable()
    {
        assertThatThrownBy(() -> RuntimeCatalog.forRuntimesDirectory(temp).runtime("emr-spark-8.0"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("unavailable")
                .hasMessageContaining("mvn -f runtimes/spark-4.0/pom.xml package");
    }

    @Test
    void findsTheProjectRootAboveTheControlPlaneFolder()
            throws IOException
    {
        Files.createDirectories(temp.resolve("runtimes"));
        Files.writeString(temp.resolve("pom.xml"), "<project/>");
        Path controlPlane = Files.createDirectories(temp.resolve("control-plane/src"));

        assertThat(ProjectRoot.find(controlPlane)).isEqualTo(temp.toAbsolutePath().normalize());
    }
}
