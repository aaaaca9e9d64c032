package io.emrys.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

import static io.emrys.dashboard.EventLog.applicationIdOf;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class EventLogTest
{
    @TempDir
    Path temp;

    @Test
    void applicationIdIsTheFileNameWithoutProgressAndCodecSuffixes()
    {
        assertThat(applicationIdOf("local-1700000000000")).isEqualTo("local-1700000000000");
        assertThat(applicationIdOf("local-1700000000000.inprogress")).isEqualTo("local-1700000000000");
        assertThat(applicationIdOf("local-1700000000000.zstd")).isEqualTo("local-1700000000000");
        assertThat(applicationIdOf("local-1700000000000.lz4.inprogress")).isEqualTo("local-1700000000000");
        assertThat(applicationIdOf("eventlog_v2_app-20251121-0001")).isEqualTo("app-20251121-0001");
    }

    @Test
    void missingOrEmptyFolderHasNoEventLog()
            throws IOException
    {
        assertThat(EventLog.find(temp.resolve("missing"))).isEmpty();
        Path empty = Files.createDirectories(temp.resolve("empty"));
        Files.writeString(empty.resolve(".local-1.crc"), "x");
        assertThat(EventLog.find(empty)).isEmpty();
    }

    @Test
    void findsTheDriversLogAndPrefersAFinishedOne()
            throws IOException
    {
        Path folder = Files.createDirectories(temp.resolve("spark-events"));
        Path finished = Files.writeString(folder.resolve("local-100"), "{}");
        Path inProgress = Files.writeString(folder.resolve("local-200.inprogress"), "{}");
        Files.setLastModifiedTime(finished, FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(inProgress, FileTime.fromMillis(2_000));

        EventLog log = EventLog.find(folder).orElseThrow();

        assertThat(log.path()).isEqualTo(finished);
        assertThat(log.applicationId()).isEqualTo("local-100");
        assertThat(log.fileName()).isEqualTo("local-100");
    }

    @Test
    void killedDriversInProgressLogIsStillFound()
            throws IOException
    {
        Path folder = Files.createDirectories(temp.resolve("spark-events"));
        Files.writeString(folder.resolve("local-300.inprogress"), "{}");

        assertThat(EventLog.find(folder).orElseThrow().applicationId()).isEqualTo("local-300");
    }

    @Test
    void copiesAFileLogAndARollingLogFolderIntoTheHistoryFolderWholeOnly()
            throws IOException
    {
        Path events = Files.createDirectories(temp.resolve("spark-events"));
        Path file = Files.writeString(events.resolve("local-1"), "{\"Event\":\"SparkListenerLogStart\"}\n");
        Path rolling = Files.createDirectories(temp.resolve("rolling/eventlog_v2_local-2"));
        Files.writeString(rolling.resolve("events_1_local-2"), "{}\n");
        Files.writeString(rolling.resolve("appstatus_local-2"), "");
        Path history = temp.resolve("spark-history/event-logs");

        new EventLog(file, "local-1").copyInto(history);
        new EventLog(rolling, "local-2").copyInto(history);
        new EventLog(file, "local-1").copyInto(history);

        assertThat(history.resolve("local-1")).hasSameTextualContentAs(file);
        assertThat(history.resolve("eventlog_v2_local-2/events_1_local-2")).hasContent("{}");
        assertThat(history.resolve("eventlog_v2_local-2/appstatus_local-2")).exists();
        try (Stream<Path> copied = Files.list(history)) {
            assertThat(copied.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("local-1", "eventlog_v2_local-2");
        }
    }
}
