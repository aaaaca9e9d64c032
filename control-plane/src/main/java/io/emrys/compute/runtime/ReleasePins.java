package io.emrys.compute.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's explicit choice to run a label on another Spark version of the same line than AWS ships (for
 * example {@code emr-7.13.0=3.5.5} where a Maven mirror lacks 3.5.6's Connect server). Emrys never substitutes a
 * version on its own; a pin is shown in the application's stateDetails and in the server's startup output.
 */
public record ReleasePins(Map<String, String> versions)
{
    public static final ReleasePins NONE = new ReleasePins(Map.of());

    public ReleasePins
    {
        versions = Map.copyOf(versions);
    }

    /** Parses {@code label=sparkVersion} entries, as given on the command line. */
    public static ReleasePins parse(List<String> entries)
    {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("a release pin is label=sparkVersion (for example emr-7.13.0=3.5.5), not: " + entry);
            }
            String label = entry.substring(0, equals).strip();
            if (versions.put(label, entry.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException("release label pinned twice: " + label);
            }
        }
        return new ReleasePins(versions);
    }

    public Optional<String> versionOf(String label)
    {
        return Optional.ofNullable(versions.get(label));
    }

    /** Checks every pin against the catalog: a known, served label, and a version on the same Spark line as AWS's. */
    void validate(ReleaseCatalog catalog)
    {
        versions.forEach((label, version) -> {
            ReleaseLabel release = catalog.find(label).orElseThrow(() -> new IllegalArgumentException("cannot pin %s: the release catalog does not list it".formatted(label)));
            SparkLine line = release.line().orElseThrow(() -> new IllegalArgumentException(
                    "cannot pin %s: it ships Spark %s, a line this server does not serve".formatted(label, release.sparkVersion())));
            if (!version.matches("\\d+\\.\\d+\\.\\d+") || SparkLine.of(version).filter(line::equals).isEmpty()) {
                throw new IllegalArgumentException("cannot pin %s to Spark %s: a pin stays on the label's own line (%s.x), as clients of the label expect"
                        .formatted(label, version, line.name()));
            }
        });
    }
}
