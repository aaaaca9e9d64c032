package io.emrys.compute.runtime;

import io.emrys.error.EmrysException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Release label to runtime: which labels this server serves (the catalog's labels on a served Spark line), which
 * Spark version each runs (AWS's, or an operator's pin) and where that version's runtime folder is. A label Emrys
 * cannot serve is a validation error that says why; it is never silently replaced by another version.
 */
public final class RuntimeCatalog
{
    private final ReleaseCatalog releases;
    private final ReleasePins pins;
    private final RuntimeFolders folders;

    public RuntimeCatalog(ReleaseCatalog releases, ReleasePins pins, RuntimeFolders folders)
    {
        this.releases = requireNonNull(releases, "releases is null");
        this.pins = requireNonNull(pins, "pins is null");
        this.folders = requireNonNull(folders, "folders is null");
        pins.validate(releases);
    }

    /** Runtimes as the Maven build leaves them: {@code <projectRoot>/runtimes/<module>/target/spark-<version>}. */
    public static RuntimeCatalog forProjectRoot(Path projectRoot)
    {
        return new RuntimeCatalog(ReleaseCatalog.load(), ReleasePins.NONE, new RuntimeFolders(List.of(projectRoot), List.of()));
    }

    /** Runtimes installed side by side: {@code <runtimesDirectory>/spark-<version>}. */
    public static RuntimeCatalog forRuntimesDirectory(Path runtimesDirectory)
    {
        return new RuntimeCatalog(ReleaseCatalog.load(), ReleasePins.NONE, new RuntimeFolders(List.of(), List.of(runtimesDirectory)));
    }

    public ReleaseCatalog releases()
    {
        return releases;
    }

    public RuntimeFolders folders()
    {
        return folders;
    }

    /** The labels this server serves, oldest first. */
    public List<String> supportedLabels()
    {
        return releases.labels().stream().filter(label -> label.line().isPresent()).map(ReleaseLabel::label).toList();
    }

    /** A served label's catalog row; throws VALIDATION saying why when the label is unknown or on a line not served. */
    public ReleaseLabel releaseLabel(String label)
    {
        requireNonNull(label, "label is null");
        ReleaseLabel release = releases.find(label).orElseThrow(() -> EmrysException.validation(
                "Value '%s' at 'releaseLabel' is not a known release label. Supported release labels: %s".formatted(label, String.join(", ", supportedLabels()))));
        if (release.line().isEmpty()) {
            throw EmrysException.validation("Value '%s' at 'releaseLabel' runs Apache Spark %s, which this server does not serve. It serves %s"
                    .formatted(label, release.sparkVersion(), servedLines()));
        }
        return release;
    }

    /** The Spark version a served label runs here: the operator's pin, else AWS's. */
    public String sparkVersion(ReleaseLabel release)
    {
        return pins.versionOf(release.label()).orElse(release.sparkVersion());
    }

    public SparkLine line(ReleaseLabel release)
    {
        return release.line().orElseThrow(() -> new IllegalStateException("not a served label: " + release));
    }

    /** The label's runtime when its folder exists (prebuilt, installed or assembled). */
    public Optional<SparkRuntime> installed(String label)
    {
        ReleaseLabel release = releaseLabel(label);
        String version = sparkVersion(release);
        return folders.find(line(release), version).map(home -> new SparkRuntime(release, version, home));
    }

    /** The runtime for a label; throws VALIDATION when the label is not served or its runtime folder is missing. */
    public SparkRuntime runtime(String label)
    {
        ReleaseLabel release = releaseLabel(label);
        return installed(label).orElseThrow(() -> EmrysException.validation(
                "Value '%s' at 'releaseLabel' (Apache Spark %s) is unavailable on this server: its runtime is in none of %s"
                        .formatted(label, sparkVersion(release), folders.candidates(line(release), sparkVersion(release)))));
    }

    /** What a served label's runtime is assembled from when it is not installed. */
    public RuntimeRecipe recipe(String label)
    {
        ReleaseLabel release = releaseLabel(label);
        SparkLine line = line(release);
        return RuntimeRecipe.forLine(line, sparkVersion(release), folders.agentJar(line));
    }

    /** One line per pin, for the startup output and stateDetails: what runs instead of what AWS ships. */
    public List<String> pinNotes()
    {
        return pins.versions().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(pin -> pinNote(releaseLabel(pin.getKey()))).toList();
    }

    /** The note for a pinned label, or empty when it runs AWS's version. */
    public Optional<String> pinNote(String label)
    {
        ReleaseLabel release = releaseLabel(label);
        return pins.versionOf(label).filter(version -> !version.equals(release.sparkVersion())).map(version -> pinNote(release));
    }

    private String pinNote(ReleaseLabel release)
    {
        return "Release label %s runs Apache Spark %s on this server, pinned by configuration (AWS ships Spark %s under it)"
                .formatted(release.label(), sparkVersion(release), release.sparkVersion());
    }

    private String servedLines()
    {
        return SparkLine.SERVED.stream().map(line -> {
            List<String> labels = releases.labels().stream().filter(label -> label.line().filter(line::equals).isPresent()).map(ReleaseLabel::label).toList();
            String range = labels.size() == 1 ? labels.get(0) : labels.get(0) + " to " + labels.get(labels.size() - 1);
            return "the Apache Spark %s line (%s)".formatted(line.name(), range);
        }).collect(Collectors.joining(" and ")) + ".";
    }
}
