package io.emrys.compute.runtime;

import io.emrys.common.OwnerOnlyFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.emrys.compute.runtime.FolderFacts.fileKey;
import static io.emrys.compute.runtime.FolderFacts.fileNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The assembler against hand-written local repositories, offline: no network, milliseconds per test. */
@Timeout(60)
class RuntimeAssemblerTest
{
    @TempDir
    Path temp;

    @Test
    void offlineWithAnEmptyLocalRepositoryNamesTheFirstMissingArtifact()
            throws IOException
    {
        Path emptyRepository = Files.createDirectories(temp.resolve("m2"));
        RuntimeAssembler assembler = offlineAssembler(emptyRepository);

        assertThatThrownBy(() -> assembler.assemble(recipe("3.5.1", "2.29.52")))
                .isInstanceOfSatisfying(RuntimeAssemblyException.class, e -> assertThat(e.unresolved()).first()
                        .isEqualTo("org.apache.spark:spark-connect_2.12:pom:3.5.1"))
                .hasMessage("Cannot assemble the runtime for Spark 3.5.1 (pyspark 3.5.1 from PyPI, Scala 2.12, Hadoop 3.4.1, AWS SDK 2.29.52): "
                        + "org.apache.spark:spark-connect_2.12:pom:3.5.1 is not in the local repository " + emptyRepository
                        + " and the server runs with --offline (8 more unresolved: org.apache.hadoop:hadoop-client-api:pom:3.4.1, "
                        + "org.apache.hadoop:hadoop-client-runtime:pom:3.4.1, org.apache.spark:spark-hadoop-cloud_2.12:pom:3.5.1, ...)");
        assertThat(cacheFolders()).as("no runtime folder, complete or not, and no temporary one").isEmpty();
    }

    @Test
    void anUnreachableRepositoryIsNamedWithTheTransferError()
            throws IOException
    {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        MavenRepository unreachable = new MavenRepository("unreachable", URI.create("http://127.0.0.1:" + closedPort + "/maven2/"));
        RuntimeAssembler assembler = new RuntimeAssembler(temp.resolve("runtimes"), Files.createDirectories(temp.resolve("m2")), List.of(unreachable), PySparkDistribution.PYPI, false);

        assertThatThrownBy(() -> assembler.assemble(recipe("3.5.1", "2.29.52")))
                .isInstanceOf(RuntimeAssemblyException.class)
                .hasMessageContaining("org.apache.spark:spark-connect_2.12:pom:3.5.1 could not be downloaded from " + unreachable + ": ")
                .hasMessageContaining("Connect");
    }

    @Test
    void offlineWithoutTheSdistNamesItAfterMavenResolved()
            throws IOException
    {
        RuntimeRecipe recipe = recipe("3.5.1", "2.29.52");
        RuntimeAssembler assembler = offlineAssembler(new FakeMavenRepository(temp.resolve("m2")).withRecipe(recipe).root());

        assertThatThrownBy(() -> assembler.assemble(recipe))
                .isInstanceOfSatisfying(RuntimeAssemblyException.class, e -> assertThat(e.unresolved()).containsExactly("pypi:pyspark==3.5.1"))
                .hasMessage("Cannot assemble the runtime of Spark 3.5.1: pyspark-3.5.1.tar.gz (Spark's distribution) is not in %s and the server is offline; "
                        + "run it once without --offline, or copy the file there", temp.resolve("runtimes/pypi"));
        assertThat(cacheFolders()).doesNotContain(recipe.folderName());
    }

    @Test
    void assemblesTheDistributionAndWhatItLacksAsTheRuntimePomsDo()
            throws IOException
    {
        RuntimeRecipe recipe = recipe("3.5.1", "2.29.52");
        downloadedBefore("3.5.1");
        Path home = offlineAssembler(new FakeMavenRepository(temp.resolve("m2")).withRecipe(recipe).root()).assemble(recipe);

        assertThat(home).isEqualTo(temp.resolve("runtimes").resolve(recipe.folderName()));
        // the distribution's jars but its Hadoop 3.3.4 client and its connect-repl subfolder; from Maven no test,
        // optional or excluded jar (the SDK bundle, hadoop-azure, Netty, Spark under the Connect server)
        List<String> expected = List.of("apache-client-2.29.52.jar", "hadoop-aws-3.4.1.jar", "hadoop-client-api-3.4.1.jar",
                "hadoop-client-runtime-3.4.1.jar", "s3-2.29.52.jar", "s3-transfer-manager-2.29.52.jar", "scala-library-2.12.18.jar",
                "sdk-core-2.29.52.jar", "spark-connect_2.12-3.5.1.jar", "spark-core_2.12-3.5.1.jar", "spark-hadoop-cloud_2.12-3.5.1.jar",
                "spark-sql_2.12-3.5.1.jar", "sts-2.29.52.jar", "wildfly-openssl-1.1.3.Final.jar");
        assertThat(fileNames(home.resolve("jars"))).containsExactlyElementsOf(expected);
        assertThat(home.resolve("jars/spark-core_2.12-3.5.1.jar")).hasContent("deps/jars/spark-core_2.12-3.5.1.jar");
        assertThat(fileNames(home.resolve("python/lib"))).containsExactly("py4j-0.10.9.7-src.zip", "pyspark.zip");
        assertThat(home.resolve("python/lib/pyspark.zip")).hasContent("lib/pyspark.zip");
        assertThat(home.resolve("examples/src/main/python/pi.py")).as("Spark's Python examples where EMR's image has them").hasContent("deps/examples/pi.py");
        assertThat(home.resolve("examples/src/main/python/sql/basic.py")).hasContent("deps/examples/sql/basic.py");
        assertThat(Files.readAllLines(home.resolve(RuntimeAssembler.COMPLETE_MARKER), StandardCharsets.UTF_8))
                .containsExactlyElementsOf(Stream.concat(Stream.of("# " + recipe), expected.stream()).toList());
        assertThat(home.resolve("agent").resolve(RuntimeAssembler.AGENT_JAR)).hasSameBinaryContentAs(recipe.agentJar());
    }

    @Test
    void theSpark4DistributionKeepsItsOwnHadoopClient()
            throws IOException
    {
        Path agent = Files.writeString(temp.resolve("agent.jar"), "agent", StandardCharsets.UTF_8);
        RuntimeRecipe recipe = RuntimeRecipe.forLine(SparkLine.SPARK_4_0, "4.0.1", agent);
        downloadedBefore("4.0.1");
        Path home = offlineAssembler(new FakeMavenRepository(temp.resolve("m2")).withRecipe(recipe).root()).assemble(recipe);

        assertThat(fileNames(home.resolve("jars"))).contains("spark-core_2.13-4.0.1.jar", "spark-hadoop-cloud_2.13-4.0.1.jar")
                .noneMatch(name -> name.startsWith("spark-connect_"));
        assertThat(home.resolve("jars/hadoop-client-api-3.4.1.jar")).hasContent("deps/jars/hadoop-client-api-3.4.1.jar");
    }

    @Test
    void everythingItCreatesIsReadableByTheServersUserOnly()
            throws IOException
    {
        RuntimeRecipe recipe = recipe("3.5.1", "2.29.52");
        downloadedBefore("3.5.1");
        offlineAssembler(new FakeMavenRepository(temp.resolve("m2")).withRecipe(recipe).root()).assemble(recipe);

        try (Stream<Path> created = Files.walk(temp.resolve("runtimes"))) {
            assertThat(created).allSatisfy(path -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
                    .as(path.toString())
                    .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
    }

    @Test
    void aCompleteRuntimeIsReturnedWithoutResolvingAgain()
            throws IOException
    {
        RuntimeRecipe recipe = recipe("3.5.1", "2.29.52");
        downloadedBefore("3.5.1");
        Path repository = new FakeMavenRepository(temp.resolve("m2")).withRecipe(recipe).root();
        RuntimeAssembler assembler = offlineAssembler(repository);
        Path first = assembler.assemble(recipe);
        OwnerOnlyFiles.deleteRecursively(repository);

        assertThat(assembler.assemble(recipe)).isEqualTo(first);
        assertThat(offlineAssembler(repository).assemble(recipe)).as("a new assembler over the same cache root").isEqualTo(first);
    }

    @Test
    void runtimesSharingJarsHardLinkOneStoredCopy()
            throws IOException
    {
        RuntimeRecipe older = recipe("3.5.1", "2.29.52");
        RuntimeRecipe newer = recipe("3.5.5", "2.29.52");
        downloadedBefore("3.5.1");
        downloadedBefore("3.5.5");
        FakeMavenRepository repository = new FakeMavenRepository(temp.resolve("m2")).withRecipe(older).withRecipe(newer);
        RuntimeAssembler assembler = offlineAssembler(repository.root());

        Path olderHome = assembler.assemble(older);
        Path newerHome = assembler.assemble(newer);

        assertThat(newerHome).isEqualTo(temp.resolve("runtimes/spark-3.5.5"));
        assertThat(fileKey(newerHome.resolve("jars/hadoop-client-api-3.4.1.jar"))).isEqualTo(fileKey(olderHome.resolve("jars/hadoop-client-api-3.4.1.jar")))
                .isEqualTo(fileKey(temp.resolve("runtimes/jars/org.apache.hadoop/hadoop-client-api-3.4.1.jar")));
        assertThat(fileKey(newerHome.resolve("jars/scala-library-2.12.18.jar"))).as("one distribution jar of both releases")
                .isEqualTo(fileKey(olderHome.resolve("jars/scala-library-2.12.18.jar")));
        assertThat(newerHome.resolve("jars/spark-core_2.12-3.5.5.jar")).exists();
        assertThat(newerHome.resolve("jars/spark-core_2.12-3.5.1.jar")).doesNotExist();
    }

    @Test
    void refusesAFolderAssembledForAnotherRecipeOfTheSameSpark()
            throws IOException
    {
        RuntimeRecipe oldSdk = recipe("3.5.1", "2.29.52");
        RuntimeRecipe newSdk = recipe("3.5.1", "2.35.4");
        downloadedBefore("3.5.1");
        RuntimeAssembler assembler = offlineAssembler(new FakeMavenRepository(temp.resolve("m2")).withRecipe(oldSdk).withRecipe(newSdk).root());
        Path home = assembler.assemble(oldSdk);

        assertThatThrownBy(() -> assembler.assemble(newSdk))
                .isInstanceOf(RuntimeAssemblyException.class)
                .hasMessage("Cannot use %s for the runtime of %s: it was assembled for %s. Remove it to assemble it again", home, newSdk, oldSdk);
        assertThat(home.resolve("jars/s3-2.29.52.jar")).as("left as it was").exists();
    }

    @Test
    void concurrentCallsForOneRecipeShareOneFolder()
            throws Exception
    {
        RuntimeRecipe recipe = recipe("3.5.1", "2.29.52");
        downloadedBefore("3.5.1");
        RuntimeAssembler assembler = offlineAssembler(new FakeMavenRepository(temp.resolve("m2")).withRecipe(recipe).root());
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> calls = executor.invokeAll(List.of(() -> assembler.assemble(recipe), () -> assembler.assemble(recipe),
                    () -> assembler.assemble(recipe), () -> assembler.assemble(recipe)));
            for (Future<Path> call : calls) {
                assertThat(call.get()).isEqualTo(temp.resolve("runtimes").resolve(recipe.folderName()));
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(cacheFolders()).containsExactlyInAnyOrder("jars", "pypi", recipe.folderName());
    }

    @Test
    void aCompleteRuntimeGetsTheCurrentDriverAgent()
            throws IOException
    {
        RuntimeRecipe recipe = recipe("3.5.1", "2.29.52");
        downloadedBefore("3.5.1");
        RuntimeAssembler assembler = offlineAssembler(new FakeMavenRepository(temp.resolve("m2")).withRecipe(recipe).root());
        Path home = assembler.assemble(recipe);
        Files.writeString(recipe.agentJar(), "rebuilt agent", StandardCharsets.UTF_8);

        assembler.assemble(recipe);

        assertThat(home.resolve("agent").resolve(RuntimeAssembler.AGENT_JAR)).hasContent("rebuilt agent");
    }

    @Test
    void aMissingDriverAgentFailsBeforeAnythingIsResolved()
            throws IOException
    {
        RuntimeRecipe recipe = new RuntimeRecipe("3.5.1", "2.12", "3.4.1", "2.29.52", temp.resolve("missing-agent.jar"));

        assertThatThrownBy(() -> offlineAssembler(Files.createDirectories(temp.resolve("m2"))).assemble(recipe))
                .isInstanceOfSatisfying(RuntimeAssemblyException.class, e -> assertThat(e.unresolved()).isEmpty())
                .hasMessageContaining("driver agent " + recipe.agentJar() + " is missing");
    }

    private RuntimeAssembler offlineAssembler(Path localRepository)
    {
        return new RuntimeAssembler(temp.resolve("runtimes"), localRepository, List.of(MavenRepository.CENTRAL), PySparkDistribution.PYPI, true);
    }

    /** The sdist of {@code sparkVersion} where an earlier online assembly would have left it. */
    private void downloadedBefore(String sparkVersion)
            throws IOException
    {
        FakePySparkSdist.writeInto(temp.resolve("runtimes").resolve("pypi"), sparkVersion);
    }

    private RuntimeRecipe recipe(String sparkVersion, String awsSdkVersion)
            throws IOException
    {
        Path agent = temp.resolve("agent.jar");
        if (!Files.exists(agent)) {
            Files.writeString(agent, "agent", StandardCharsets.UTF_8);
        }
        return new RuntimeRecipe(sparkVersion, "2.12", "3.4.1", awsSdkVersion, agent);
    }

    private List<String> cacheFolders()
            throws IOException
    {
        return Files.exists(temp.resolve("runtimes")) ? fileNames(temp.resolve("runtimes")) : List.of();
    }
}
