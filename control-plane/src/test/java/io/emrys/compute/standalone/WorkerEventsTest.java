package io.emrys.compute.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class WorkerEventsTest
{
    private static final String START = "{\"type\":\"APPLICATION_START\",\"appId\":\"app-20261121072728-0000\",\"time\":1000}\n";
    private static final String ADDED = "{\"type\":\"EXECUTOR_ADDED\",\"executorId\":\"0\",\"time\":2000,\"host\":\"127.0.0.1\",\"cores\":2}\n";
    private static final String REMOVED = "{\"type\":\"EXECUTOR_REMOVED\",\"executorId\":\"0\",\"time\":3000,\"reason\":\"Command exited with code 137\\n\\\"killed\\\"\"}\n";
    private static final String END = "{\"type\":\"APPLICATION_END\",\"time\":4000}\n";

    private final WorkerEvents reader = new WorkerEvents(new ObjectMapper());

    @TempDir
    Path temp;

    @Test
    void parsesEveryEventTypeWithItsFields()
            throws IOException
    {
        Path file = write(START + ADDED + REMOVED + END);

        WorkerEvents.Batch batch = reader.read(file, 0);

        assertThat(batch.events()).containsExactly(
                new WorkerEvent(WorkerEvent.Type.APPLICATION_START, "", Instant.ofEpochMilli(1000), 0, Optional.empty(), Optional.of("app-20261121072728-0000")),
                new WorkerEvent(WorkerEvent.Type.EXECUTOR_ADDED, "0", Instant.ofEpochMilli(2000), 2, Optional.empty(), Optional.empty()),
                new WorkerEvent(WorkerEvent.Type.EXECUTOR_REMOVED, "0", Instant.ofEpochMilli(3000), 0, Optional.of("Command exited with code 137\n\"killed\""), Optional.empty()),
                new WorkerEvent(WorkerEvent.Type.APPLICATION_END, "", Instant.ofEpochMilli(4000), 0, Optional.empty(), Optional.empty()));
        assertThat(batch.nextOffset()).isEqualTo(Files.size(file));
    }

    @Test
    void leavesAPartialLastLineForTheNextRead()
            throws IOException
    {
        String partial = ADDED.substring(0, 30);
        Path file = write(START + partial);

        WorkerEvents.Batch first = reader.read(file, 0);
        assertThat(first.events()).extracting(WorkerEvent::type).containsExactly(WorkerEvent.Type.APPLICATION_START);
        assertThat(first.nextOffset()).isEqualTo(START.length());

        Files.writeString(file, ADDED.substring(30), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        WorkerEvents.Batch second = reader.read(file, first.nextOffset());
        assertThat(second.events()).extracting(WorkerEvent::executorId).containsExactly("0");
        assertThat(second.nextOffset()).isEqualTo(Files.size(file));
    }

    @Test
    void readsNothingNewAtTheEndOrFromAMissingFile()
            throws IOException
    {
        Path file = write(START);

        assertThat(reader.read(file, START.length())).isEqualTo(new WorkerEvents.Batch(List.of(), START.length()));
        assertThat(reader.read(temp.resolve("absent.jsonl"), 0)).isEqualTo(new WorkerEvents.Batch(List.of(), 0));
    }

    @Test
    void skipsCompleteLinesThatAreNotEvents()
            throws IOException
    {
        Path file = write("not json\n" + "{\"type\":\"SOMETHING_ELSE\",\"time\":1}\n" + "\n" + END);

        WorkerEvents.Batch batch = reader.read(file, 0);

        assertThat(batch.events()).extracting(WorkerEvent::type).containsExactly(WorkerEvent.Type.APPLICATION_END);
        assertThat(batch.nextOffset()).isEqualTo(Files.size(file));
    }

    @Test
    void readsMultiByteCharactersInReasons()
            throws IOException
    {
        String line = "{\"type\":\"EXECUTOR_REMOVED\",\"executorId\":\"1\",\"time\":5,\"reason\":\"Exécuteur perdu ✓\"}\n";
        Path file = write(line);

        WorkerEvents.Batch batch = reader.read(file, 0);

        assertThat(batch.events()).singleElement().extracting(WorkerEvent::reason).isEqualTo(Optional.of("Exécuteur perdu ✓"));
        assertThat(batch.nextOffset()).isEqualTo(line.getBytes(StandardCharsets.UTF_8).length);
    }

    private Path write(String text)
            throws IOException
    {
        Path file = temp.resolve("worker-events.jsonl");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
