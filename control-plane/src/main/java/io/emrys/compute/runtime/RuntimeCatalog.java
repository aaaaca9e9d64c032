package io.emrys.compute.runtime;

import io.emrys.error.EmrysException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Maps release labels to runtime folders. A label Emrys cannot serve is a validation error that lists the
 * supported labels; it is never silently replaced by another runtime.
 */
public final class RuntimeCatalog
{
    private static final List<ReleaseLabel> SUPPORTED = List.of(ReleaseLabel.EMR_SPARK_8_0);

    private final Map<String, ReleaseLabel> labels;
    private final Function<ReleaseLabel, Path> folderOf;

    private RuntimeCatalog(Function<ReleaseLabel, Path> folderOf)
    {
        this.folderOf = requireNonNull(folderOf, "folderOf is null");
        this.labels = SUPPORTED.stream().collect(Collectors.toUnmodifiableMap(ReleaseLabel::label, Function.identity()));
    }

    /** Runtimes as the Maven build leaves them: {@code <projectRoot>/runtimes/<module>/target/<label>}. */
    public static RuntimeCatalog forProjectRoot(Path projectRoot)
    {
        Path root = projectRoot.toAbsolutePath().normalize();
        return new RuntimeCatalog(label -> root.resolve("runtimes").resolve(label.runtimeModule()).resolve("target").resolve(label.label()));
    }

    /** Runtimes installed side by side: {@code <runtimesDirectory>/<label>}. */
    public static RuntimeCatalog forRuntimesDirectory(Path runtimesDirectory)
    {
        Path root = runtimesDirectory.toAbsolutePath().normalize();
        return new RuntimeCatalog(label -> root.resolve(label.label()));
    }

    /** The build layout of the project that contains the working directory. */
    public static RuntimeCatalog discover()
    {
        return forProjectRoot(ProjectRoot.find(Path.of("")));
    }

    public List<String> supportedLabels()
    {
        return SUPPORTED.stream().map(ReleaseLabel::label).toList();
    }

    /** The label's versions; throws VALIDATION listing the supported labels when it is unknown. */
    public ReleaseLabel releaseLabel(String label)
    {
        requireNonNull(label, "label is null");
        ReleaseLabel releaseLabel = labels.get(label);
        if (releaseLabel == null) {
            throw EmrysException.validation("Value '%s' at 'releaseLabel' is not a release label Emrys supports. Supported release labels: %s"
                    .formatted(label, String.join(", ", supportedLabels())));
        }
        return releaseLabel;
    }

    /** The runtime for a label; throws VALIDATION when the label is unknown or its folder has not been built. */
    public SparkRuntime runtime(String label)
    {
        ReleaseLabel releaseLabel = releaseLabel(label);
        Path folder = folderOf.apply(releaseLabel);
        if (!Files.isDirectory(folder.resolve("jars"))) {
            throw EmrysException.validation(("Value '%s' at 'releaseLabel' (Apache Spark %s) is unavailable on this server: its runtime "
                    + "folder %s is missing. Build it with: mvn -f runtimes/%s/pom.xml package")
                    .formatted(label, releaseLabel.sparkVersion(), folder, releaseLabel.runtimeModule()));
        }
        return new SparkRuntime(releaseLabel, folder);
    }
}
