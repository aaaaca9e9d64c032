package io.emrys.compute.runtime;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/** One jar of a resolved runtime, and where the resolver left it in the local Maven repository. */
record ResolvedJar(String groupId, String artifactId, String version, String classifier, Path file)
{
    ResolvedJar
    {
        requireNonNull(groupId, "groupId is null");
        requireNonNull(artifactId, "artifactId is null");
        requireNonNull(version, "version is null");
        requireNonNull(classifier, "classifier is null");
        requireNonNull(file, "file is null");
    }

    /** The name Maven's copy-dependencies gives it, so prebuilt and assembled runtimes name their jars alike. */
    String fileName()
    {
        return artifactId + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
    }
}
