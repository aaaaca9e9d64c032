package io.emrys.compute.runtime;

import io.emrys.common.OwnerOnlyFiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import static java.util.Objects.requireNonNull;

/**
 * Assembles Spark runtime folders on demand under a cache root (the server's {@code <data>/runtimes}, where
 * {@link RuntimeFolders} looks): each {@code <cacheRoot>/spark-<version>} ({@link RuntimeRecipe#folderName()}) holds
 * {@code jars/}, {@code python/lib/} and {@code agent/emrys-driver-agent.jar}, the shape {@link SparkRuntime} expects.
 * Spark's own jars and its Python libraries come from the pyspark sdist on PyPI ({@link PySparkDistribution}, kept in
 * {@code <cacheRoot>/pypi}); the few jars the distribution lacks come from the Maven local repository (the operator's
 * {@code ~/.m2/repository} by default, so a machine that built Emrys reuses its downloads) and, unless offline, from
 * the remote repositories. Maven is asked first: its failures are cheap, the sdist is 300 to 450 MB.
 * <p>A folder is built in a temporary sibling and renamed into place with a {@value #COMPLETE_MARKER} file (the
 * recipe, then the sorted jar names) written last, so a crash never leaves a folder that looks complete. Calls for one
 * recipe are serialised on a lock of this instance; calls for different recipes run in parallel. One assembler owns
 * a cache root: another process assembling into the same root is not guarded against.
 */
public final class RuntimeAssembler
{
    public static final String COMPLETE_MARKER = ".complete";
    public static final String AGENT_JAR = "emrys-driver-agent.jar";

    private static final Logger log = LoggerFactory.getLogger(RuntimeAssembler.class);
    private static final String TEMPORARY_INFIX = ".tmp-";

    private final Path cacheRoot;
    private final MavenResolution resolution;
    private final PySparkDistribution distribution;
    private final JarStore store;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    public RuntimeAssembler(Path cacheRoot, Path localRepository, List<MavenRepository> remoteRepositories, URI packageIndex, boolean offline)
    {
        this.cacheRoot = requireNonNull(cacheRoot, "cacheRoot is null").toAbsolutePath().normalize();
        this.resolution = new MavenResolution(requireNonNull(localRepository, "localRepository is null").toAbsolutePath().normalize(), remoteRepositories, offline);
        this.distribution = new PySparkDistribution(this.cacheRoot.resolve("pypi"), packageIndex, offline);
        this.store = new JarStore(this.cacheRoot.resolve("jars"));
    }

    /** With the operator's local repository, Maven Central and PyPI. */
    public RuntimeAssembler(Path cacheRoot, boolean offline)
    {
        this(cacheRoot, defaultLocalRepository(), List.of(MavenRepository.CENTRAL), PySparkDistribution.PYPI, offline);
    }

    /** {@code ~/.m2/repository} of the user the server runs as. */
    public static Path defaultLocalRepository()
    {
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * The recipe's runtime folder (its home), assembled first when it is not complete yet. A complete folder is
     * returned at once, with only its driver agent replaced when the recipe's agent jar has changed since.
     *
     * @throws RuntimeAssemblyException naming the first artifact that could not be resolved and why, or the file
     *         that could not be written
     */
    public Path assemble(RuntimeRecipe recipe)
    {
        requireNonNull(recipe, "recipe is null");
        Path home = cacheRoot.resolve(recipe.folderName());
        if (!Files.isRegularFile(recipe.agentJar())) {
            // each line has its own agent module, so the hint builds them all
            throw new RuntimeAssemblyException(("Cannot assemble the runtime for %s: its driver agent %s is missing. Build it with: "
                    + "mvn -q -B -DskipTests install").formatted(recipe, recipe.agentJar()), List.of(), null);
        }
        synchronized (locks.computeIfAbsent(recipe.folderName(), name -> new Object())) {
            try {
                if (Files.isRegularFile(home.resolve(COMPLETE_MARKER))) {
                    requireBuiltFrom(recipe, home);
                    refreshAgent(recipe, home);
                    return home;
                }
                build(recipe, home);
                return home;
            }
            catch (IOException e) {
                throw new RuntimeAssemblyException("Cannot assemble the runtime for %s in %s: %s".formatted(recipe, home, e), List.of(), e);
            }
        }
    }

    private void build(RuntimeRecipe recipe, Path home)
            throws IOException
    {
        long started = System.nanoTime();
        log.info("Assembling the runtime for {} into {}", recipe, home);
        OwnerOnlyFiles.createDirectories(cacheRoot);
        deleteLeftovers(recipe);
        List<ResolvedJar> jars = resolution.resolve(recipe);
        Path sdist = distribution.fetch(recipe.sparkVersion());
        Path temporary = OwnerOnlyFiles.createTemporaryDirectory(cacheRoot, "." + recipe.folderName() + TEMPORARY_INFIX);
        try {
            Path jarsFolder = OwnerOnlyFiles.createDirectories(temporary.resolve("jars"));
            Path pythonFolder = OwnerOnlyFiles.createDirectories(temporary.resolve("python").resolve("lib"));
            Map<String, Path> entries = new TreeMap<>();
            long[] bytes = {0};
            PySparkDistribution.unpack(sdist, recipe.sparkVersion(), new PySparkDistribution.Visitor()
            {
                @Override
                public void jar(String name, InputStream content)
                        throws IOException
                {
                    if (recipe.replacesDistributionJar(name)) {
                        return;
                    }
                    Path stored = store.store(name, content);
                    JarStore.linkOrCopy(stored, jarsFolder.resolve(name));
                    entries.put(name, stored);
                    bytes[0] += Files.size(stored);
                }

                @Override
                public void pythonLibrary(String name, InputStream content)
                        throws IOException
                {
                    write(pythonFolder.resolve(name), content);
                }

                @Override
                public void pythonExample(String relativePath, InputStream content)
                        throws IOException
                {
                    Path target = temporary.resolve(SparkRuntime.PYTHON_EXAMPLES).resolve(relativePath);
                    OwnerOnlyFiles.createDirectories(target.getParent());
                    write(target, content);
                }

                private static void write(Path target, InputStream content)
                        throws IOException
                {
                    Files.createFile(target, OwnerOnlyFiles.FILE);
                    try (OutputStream out = Files.newOutputStream(target)) {
                        content.transferTo(out);
                    }
                }
            });
            for (ResolvedJar jar : jars) {
                // two groups may publish the same artifactId and version; the later one keeps its group in its name
                String name = entries.containsKey(jar.fileName()) ? jar.groupId() + "-" + jar.fileName() : jar.fileName();
                Path stored = store.store(jar);
                JarStore.linkOrCopy(stored, jarsFolder.resolve(name));
                entries.put(name, stored);
                bytes[0] += Files.size(stored);
            }
            Path agentFolder = OwnerOnlyFiles.createDirectories(temporary.resolve("agent"));
            OwnerOnlyFiles.copy(recipe.agentJar(), agentFolder.resolve(AGENT_JAR));
            OwnerOnlyFiles.writeString(temporary.resolve(COMPLETE_MARKER), markerHeader(recipe) + "\n" + String.join("\n", entries.keySet()) + "\n");
            // only a folder without the marker can be here (say, one an operator emptied by hand); a rename onto a
            // non-empty folder fails, so it goes first
            OwnerOnlyFiles.deleteRecursively(home);
            Files.move(temporary, home, StandardCopyOption.ATOMIC_MOVE);
            log.info("Assembled the runtime for {} in {}: {} jars, {} MiB, in {} s", recipe, home, entries.size(),
                    bytes[0] / (1024 * 1024), (System.nanoTime() - started) / 1_000_000_000);
        }
        finally {
            OwnerOnlyFiles.deleteRecursively(temporary);
        }
    }

    private static String markerHeader(RuntimeRecipe recipe)
    {
        return "# " + recipe;
    }

    /**
     * A folder is named by its Spark version only, so one built from another recipe (an older Hadoop or SDK pin) is
     * refused rather than served as this one or replaced under drivers that may be running from it.
     */
    private static void requireBuiltFrom(RuntimeRecipe recipe, Path home)
            throws IOException
    {
        List<String> marker = Files.readAllLines(home.resolve(COMPLETE_MARKER), StandardCharsets.UTF_8);
        String builtFrom = marker.isEmpty() ? "" : marker.get(0);
        if (!builtFrom.equals(markerHeader(recipe))) {
            throw new RuntimeAssemblyException("Cannot use %s for the runtime of %s: it was assembled for %s. Remove it to assemble it again"
                    .formatted(home, recipe, builtFrom.replaceFirst("^# ", "")), List.of(), null);
        }
    }

    /** Temporary folders of this recipe that a crashed assembly left behind. */
    private void deleteLeftovers(RuntimeRecipe recipe)
            throws IOException
    {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(cacheRoot, "." + recipe.folderName() + TEMPORARY_INFIX + "*")) {
            for (Path leftover : leftovers) {
                OwnerOnlyFiles.deleteRecursively(leftover);
            }
        }
    }

    /**
     * The agent is rebuilt with Emrys while the Spark jars stay put, so a complete folder gets the current one. The
     * rename keeps the old file alive for drivers that already opened it.
     */
    private static void refreshAgent(RuntimeRecipe recipe, Path home)
            throws IOException
    {
        Path installed = home.resolve("agent").resolve(AGENT_JAR);
        if (Files.isRegularFile(installed) && Files.mismatch(recipe.agentJar(), installed) == -1) {
            return;
        }
        Path temporary = OwnerOnlyFiles.copyToTemporary(recipe.agentJar(), OwnerOnlyFiles.createDirectories(installed.getParent()));
        Files.move(temporary, installed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        log.info("Replaced the driver agent of {} with {}", home, recipe.agentJar());
    }
}
