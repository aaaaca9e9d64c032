package io.emrys.compute.connect;

import io.emrys.testing.TestingRuntimes;
import io.emrys.compute.driver.DriverWorkDir;
import io.emrys.compute.runtime.SparkRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class ConnectClassArchiveTest
{
    @TempDir
    Path temp;

    @Test
    void firstServerRecordsAndACleanExitSharesTheRecording()
            throws IOException
    {
        SparkRuntime runtime = runtime();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ConnectClassArchive archives = new ConnectClassArchive(temp.resolve("cds"));
        DriverWorkDir first = new DriverWorkDir(temp.resolve("sessions/first"));

        List<String> options = archives.jvmOptions(runtime, java, first);
        assertThat(options).containsExactly("-XX:ArchiveClassesAtExit=" + first.root().resolve("classes.jsa"));

        Files.writeString(first.root().resolve("classes.jsa"), "classes");
        ConnectClassArchive.promote(first, 143);

        Path archive = archives.archive(runtime, java);
        assertThat(archive).hasContent("classes").hasParent(temp.resolve("cds"));
        assertThat(first.root().resolve("classes.jsa")).doesNotExist();
        assertThat(archives.jvmOptions(runtime, java, new DriverWorkDir(temp.resolve("sessions/second"))))
                .containsExactly("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void recordingOfAFailedServerOrALateOneIsDeleted()
            throws IOException
    {
        SparkRuntime runtime = runtime();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ConnectClassArchive archives = new ConnectClassArchive(temp.resolve("cds"));
        DriverWorkDir failed = new DriverWorkDir(temp.resolve("sessions/failed"));
        DriverWorkDir winner = new DriverWorkDir(temp.resolve("sessions/winner"));
        DriverWorkDir late = new DriverWorkDir(temp.resolve("sessions/late"));
        for (DriverWorkDir workDir : List.of(failed, winner, late)) {
            archives.jvmOptions(runtime, java, workDir);
            Files.writeString(workDir.root().resolve("classes.jsa"), workDir.root().getFileName().toString());
        }

        ConnectClassArchive.promote(failed, 1);
        ConnectClassArchive.promote(winner, 0);
        ConnectClassArchive.promote(late, 143);

        assertThat(archives.archive(runtime, java)).hasContent("winner");
        assertThat(failed.root().resolve("classes.jsa")).doesNotExist();
        assertThat(late.root().resolve("classes.jsa")).doesNotExist();
        try (Stream<Path> files = Files.list(temp.resolve("cds"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void archiveNameChangesWithTheRuntimeFolder()
            throws IOException
    {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ConnectClassArchive archives = new ConnectClassArchive(temp.resolve("cds"));

        assertThat(archives.archive(runtime(), java)).isNotEqualTo(archives.archive(otherRuntime(), java));
    }

    private SparkRuntime runtime()
            throws IOException
    {
        Files.createDirectories(temp.resolve("runtime/jars"));
        return TestingRuntimes.emrSpark80(temp.resolve("runtime"));
    }

    private SparkRuntime otherRuntime()
            throws IOException
    {
        Files.createDirectories(temp.resolve("other/jars"));
        return TestingRuntimes.emrSpark80(temp.resolve("other"));
    }
}
