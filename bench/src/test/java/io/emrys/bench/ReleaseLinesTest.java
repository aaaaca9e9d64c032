package io.emrys.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.SparkRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseLinesTest
{
    @TempDir
    Path emptyProject;

    @Test
    void headingNamesTheLabelAndTheSparkVersionThatRuns()
    {
        RuntimeCatalog catalog = RuntimeCatalog.forProjectRoot(emptyProject);
        SparkRuntime runtime = new SparkRuntime(catalog.releaseLabel("emr-7.10.0"), "3.5.5", emptyProject);

        assertThat(ReleaseLines.title(runtime)).isEqualTo("emr-7.10.0 (Spark 3.5.5)");
    }

    @Test
    void refusesARepeatedLabelBeforeLookingForRuntimes()
    {
        RuntimeCatalog catalog = RuntimeCatalog.forProjectRoot(emptyProject);

        assertThatThrownBy(() -> ReleaseLines.resolve(catalog, List.of("emr-7.10.0", "emr-7.10.0"))).hasMessage("emr-7.10.0 is given twice");
        assertThatThrownBy(() -> ReleaseLines.resolve(catalog, List.of())).hasMessage("no label given");
    }

    @Test
    void aLabelWithoutABuiltRuntimeIsRefused()
    {
        // An empty project has no runtime folders: the run must stop here, before any server starts.
        assertThatThrownBy(() -> ReleaseLines.resolve(RuntimeCatalog.forProjectRoot(emptyProject), List.of("emr-7.10.0"))).hasMessageContaining("unavailable");
    }
}
