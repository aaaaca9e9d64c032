package io.emrys.compute.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Emrys source tree (the folder holding the parent pom and {@code runtimes/}) from a start folder. */
public final class ProjectRoot
{
    private ProjectRoot() {}

    /**
     * Walks up from {@code start}; falls back to {@code start} itself, so a missing runtime is then reported with
     * a path the operator can recognise rather than failing here.
     */
    public static Path find(Path start)
    {
        Path absolute = start.toAbsolutePath().normalize();
        for (Path candidate = absolute; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("pom.xml")) && Files.isDirectory(candidate.resolve("runtimes"))) {
                return candidate;
            }
        }
        return absolute;
    }
}
