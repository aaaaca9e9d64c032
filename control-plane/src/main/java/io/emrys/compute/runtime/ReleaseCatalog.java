package io.emrys.compute.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Every release label AWS ships, as data: {@code release-labels.tsv} next to this class, read once at startup.
 * Label rows give the versions AWS lists and the page that lists them; {@code feature} rows give the first label
 * of each {@link ReleaseFeature}. The next label is one more row.
 */
public final class ReleaseCatalog
{
    private static final String RESOURCE = "release-labels.tsv";

    private final Map<String, ReleaseLabel> labels;
    private final Map<ReleaseFeature, String> firstLabels;

    ReleaseCatalog(List<ReleaseLabel> labels, Map<ReleaseFeature, String> firstLabels)
    {
        Map<String, ReleaseLabel> byName = new LinkedHashMap<>();
        labels.stream().sorted().forEach(label -> {
            if (byName.put(label.label(), label) != null) {
                throw new IllegalArgumentException("release label listed twice: " + label.label());
            }
        });
        this.labels = byName;
        this.firstLabels = new EnumMap<>(ReleaseFeature.class);
        this.firstLabels.putAll(firstLabels);
        for (ReleaseFeature feature : ReleaseFeature.values()) {
            String first = requireNonNull(this.firstLabels.get(feature), () -> "the catalog names no first label for " + feature.key());
            if (!byName.containsKey(first)) {
                throw new IllegalArgumentException("feature %s starts at %s, which the catalog does not list".formatted(feature.key(), first));
            }
        }
    }

    /** The catalog this build ships. */
    public static ReleaseCatalog load()
    {
        try (InputStream in = ReleaseCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the release catalog " + RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReleaseCatalog parse(List<String> lines)
    {
        List<ReleaseLabel> labels = new ArrayList<>();
        Map<ReleaseFeature, String> features = new EnumMap<>(ReleaseFeature.class);
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] columns = line.split("\t", -1);
            try {
                if (columns[0].equals("feature")) {
                    features.put(ReleaseFeature.ofKey(columns[1]), columns[2]);
                }
                else {
                    labels.add(new ReleaseLabel(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5]));
                }
            }
            catch (RuntimeException e) {
                throw new IllegalArgumentException("line %d of %s is not a catalog row: %s".formatted(i + 1, RESOURCE, line), e);
            }
        }
        return new ReleaseCatalog(labels, features);
    }

    public Optional<ReleaseLabel> find(String label)
    {
        return Optional.ofNullable(labels.get(label));
    }

    /** Every label, oldest first. */
    public List<ReleaseLabel> labels()
    {
        return List.copyOf(labels.values());
    }

    public boolean supports(ReleaseLabel label, ReleaseFeature feature)
    {
        return label.isAtLeast(firstLabels.get(feature));
    }

    public String firstLabel(ReleaseFeature feature)
    {
        return firstLabels.get(feature);
    }
}
