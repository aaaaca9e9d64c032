package io.emrys.compute.runtime;

import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One Maven artifact a runtime is resolved from, in runtime scope. {@code exclusions} are {@code groupId:artifactId}
 * patterns as in a POM; {@code *:*} keeps the artifact but none of its dependencies.
 */
public record MavenDependency(String groupId, String artifactId, String version, List<String> exclusions)
{
    public static final String ALL = "*:*";

    public MavenDependency
    {
        requireNonNull(groupId, "groupId is null");
        requireNonNull(artifactId, "artifactId is null");
        requireNonNull(version, "version is null");
        exclusions = List.copyOf(requireNonNull(exclusions, "exclusions is null"));
        for (String exclusion : exclusions) {
            if (exclusion.split(":", -1).length != 2) {
                throw new IllegalArgumentException("exclusion '%s' of %s:%s is not groupId:artifactId".formatted(exclusion, groupId, artifactId));
            }
        }
    }

    public static MavenDependency of(String groupId, String artifactId, String version)
    {
        return new MavenDependency(groupId, artifactId, version, List.of());
    }

    /** The same artifact without any of its own dependencies. */
    public MavenDependency intransitive()
    {
        return excluding(ALL);
    }

    /** The same artifact with one more exclusion. */
    public MavenDependency excluding(String groupIdAndArtifactId)
    {
        return new MavenDependency(groupId, artifactId, version, Stream.concat(exclusions.stream(), Stream.of(groupIdAndArtifactId)).toList());
    }

    public boolean transitive()
    {
        return !exclusions.contains(ALL);
    }

    /** {@code groupId:artifactId:version}, the form Maven prints. */
    public String coordinates()
    {
        return groupId + ":" + artifactId + ":" + version;
    }

    @Override
    public String toString()
    {
        return exclusions.isEmpty() ? coordinates() : coordinates() + " excluding " + String.join(", ", exclusions);
    }
}
