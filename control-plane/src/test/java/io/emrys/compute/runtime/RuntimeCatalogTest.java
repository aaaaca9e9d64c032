package io.emrys.compute.runtime;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class RuntimeCatalogTest
{
    @TempDir
    Path temp;

    @Test
    void resolvesTheBuildLayoutUnderTheProjectRootByLineAndVersion()
            throws IOException
    {
        Path spark4 = Files.createDirectories(temp.resolve("runtimes/spark-4.0/target/spark-4.0.1/jars")).getParent();
        Path spark35 = Files.createDirectories(temp.resolve("runtimes/spark-3.5/target/spark-3.5.5/jars")).getParent();
        RuntimeCatalog catalog = RuntimeCatalog.forProjectRoot(temp);

        assertThat(catalog.runtime("emr-spark-8.0").home()).isEqualTo(spark4);
        assertThat(catalog.runtime("emr-7.9.0").home()).as("labels with the same Spark share one runtime").isEqualTo(spark35);
        assertThat(catalog.runtime("emr-7.10.0").home()).isEqualTo(spark35);
        assertThat(catalog.runtime("emr-7.10.0").classPathWildcard()).isEqualTo(spark35.resolve("jars") + "/*");
    }

    @Test
    void resolvesAnInstalledRuntimesDirectory()
            throws IOException
    {
        Files.createDirectories(temp.resolve("spark-4.0.1/jars"));

        assertThat(RuntimeCatalog.forRuntimesDirectory(temp).runtime("emr-spark-8.0").home()).isEqualTo(temp.resolve("spark-4.0.1"));
    }

    @Test
    void refusesAnUnknownLabelListingTheServedOnes()
    {
        assertThatThrownBy(() -> RuntimeCatalog.forRuntimesDirectory(temp).releaseLabel("emr-5.36.0"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("emr-5.36.0")
                .hasMessageContaining("emr-7.0.0, emr-7.1.0")
                .hasMessageContaining("emr-7.13.0, emr-spark-8.0")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("emr-6.15.0"));
    }

    @Test
    void refusesAnEmr6LabelNamingItsSparkAndTheServedLines()
    {
        assertThatThrownBy(() -> RuntimeCatalog.forRuntimesDirectory(temp).releaseLabel("emr-6.15.0"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("'emr-6.15.0' at 'releaseLabel' runs Apache Spark 3.4.1")
                .hasMessageContaining("the Apache Spark 3.5 line (emr-7.0.0 to emr-7.13.0)")
                .hasMessageContaining("the Apache Spark 4.0 line (emr-spark-8.0)");
    }

    @Test
    void reportsAServedLabelWithoutItsFolderAsUnavailableSayingWhereItLooked()
    {
        assertThatThrownBy(() -> RuntimeCatalog.forRuntimesDirectory(temp).runtime("emr-spark-8.0"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("unavailable")
                .hasMessageContaining(temp.resolve("spark-4.0.1").toString());
    }

    @Test
    void aPinRunsTheLabelOnThePinnedVersionAndSaysSo()
            throws IOException
    {
        Files.createDirectories(temp.resolve("spark-3.5.5/jars"));
        RuntimeCatalog catalog = new RuntimeCatalog(ReleaseCatalog.load(), ReleasePins.parse(List.of("emr-7.13.0=3.5.5")),
                new RuntimeFolders(List.of(), List.of(temp)));

        SparkRuntime runtime = catalog.runtime("emr-7.13.0");

        assertThat(runtime.sparkVersion()).isEqualTo("3.5.5");
        assertThat(runtime.releaseLabel().sparkVersion()).as("the catalog still says what AWS ships").isEqualTo("3.5.6");
        assertThat(runtime.pinned()).isTrue();
        assertThat(catalog.pinNote("emr-7.13.0")).hasValueSatisfying(note -> assertThat(note).contains("3.5.5").contains("pinned").contains("3.5.6"));
        assertThat(catalog.pinNote("emr-7.9.0")).isEmpty();
    }

    @Test
    void withoutAPinALabelIsNeverServedByAnotherVersion()
            throws IOException
    {
        Files.createDirectories(temp.resolve("spark-3.5.5/jars"));

        assertThatThrownBy(() -> RuntimeCatalog.forRuntimesDirectory(temp).runtime("emr-7.13.0"))
                .hasMessageContaining("Apache Spark 3.5.6").hasMessageContaining("unavailable");
    }

    @Test
    void refusesPinsAcrossLinesOrOfUnknownLabels()
    {
        RuntimeFolders folders = new RuntimeFolders(List.of(), List.of(temp));
        assertThatThrownBy(() -> new RuntimeCatalog(ReleaseCatalog.load(), ReleasePins.parse(List.of("emr-7.13.0=4.0.1")), folders))
                .hasMessageContaining("own line");
        assertThatThrownBy(() -> new RuntimeCatalog(ReleaseCatalog.load(), ReleasePins.parse(List.of("emr-9.9.9=3.5.5")), folders))
                .hasMessageContaining("does not list");
        assertThatThrownBy(() -> ReleasePins.parse(List.of("emr-7.13.0"))).hasMessageContaining("label=sparkVersion");
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
