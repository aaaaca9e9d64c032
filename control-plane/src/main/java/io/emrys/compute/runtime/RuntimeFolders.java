package io.emrys.compute.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the runtime folder of a Spark version may be, in order: prebuilt by the Maven build
 * ({@code <projectRoot>/runtimes/<module>/target/spark-<version>}), installed side by side, or assembled on demand
 * into the server's runtime cache ({@code <data>/runtimes/spark-<version>}). A folder counts once its {@code jars/}
 * exists: on-demand assembly moves a finished folder into place in one step.
 */
public record RuntimeFolders(List<Path> projectRoots, List<Path> runtimeDirectories)
{
    public RuntimeFolders
    {
        projectRoots = projectRoots.stream().map(path -> path.toAbsolutePath().normalize()).toList();
        runtimeDirectories = runtimeDirectories.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    }

    public static String folderName(String sparkVersion)
    {
        return "spark-" + sparkVersion;
    }

    public Optional<Path> find(SparkLine line, String sparkVersion)
    {
        return candidates(line, sparkVersion).stream().filter(folder -> Files.isDirectory(folder.resolve("jars"))).findFirst();
    }

    /** Every place looked at, for a message that says where the runtime was expected. */
    public List<Path> candidates(SparkLine line, String sparkVersion)
    {
        String name = folderName(sparkVersion);
        return java.util.stream.Stream.concat(
                projectRoots.stream().map(root -> root.resolve("runtimes").resolve(line.runtimeModule()).resolve("target").resolve(name)),
                runtimeDirectories.stream().map(directory -> directory.resolve(name))).toList();
    }

    /**
     * The prebuilt driver agent of a line, which on-demand runtimes of that line carry too: the first built one, else
     * where the first project root would have it (the assembler then names the missing file).
     */
    public Path agentJar(SparkLine line)
    {
        List<Path> candidates = projectRoots.stream().map(root -> root.resolve(line.agentModule()).resolve("target").resolve(RuntimeAssembler.AGENT_JAR)).toList();
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElse(candidates.isEmpty() ? Path.of(line.agentModule(), "target", RuntimeAssembler.AGENT_JAR) : candidates.get(0));
    }
}
