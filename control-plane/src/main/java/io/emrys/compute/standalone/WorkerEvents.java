package io.emrys.compute.standalone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads a driver's worker events file incrementally. The driver appends whole lines while the control plane reads,
 * so a read returns the complete lines after an offset and the offset just past the last one: a line still being
 * written (no newline yet) is read next time. The file is the source of truth; callers keep the offset.
 *
 * <p>A complete line that is not a valid event (a driver killed mid-write leaves no such line, because each line is
 * written in one call, but a foreign writer could) is skipped rather than blocking every later event.
 */
public final class WorkerEvents
{
    /** Lines longer than this are not events; the reader moves past them. */
    private static final int MAX_READ = 1 << 20;

    private final ObjectMapper mapper;

    public WorkerEvents(ObjectMapper mapper)
    {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** The events read and where the next read starts. */
    public record Batch(List<WorkerEvent> events, long nextOffset)
    {
        public Batch
        {
            events = List.copyOf(requireNonNull(events, "events is null"));
            if (nextOffset < 0) {
                throw new IllegalArgumentException("nextOffset must not be negative: " + nextOffset);
            }
        }
    }

    /** The complete events after {@code offset}; a missing file has none yet (the driver has not started). */
    public Batch read(Path file, long offset)
    {
        requireNonNull(file, "file is null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long available = channel.size() - offset;
            if (available <= 0) {
                return new Batch(List.of(), offset);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(available, MAX_READ));
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // read until the buffer is full or the end of the file
            }
            bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
        }
        catch (NoSuchFileException e) {
            return new Batch(List.of(), offset);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read the worker events file " + file, e);
        }

        List<WorkerEvent> events = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                parse(new String(bytes, start, i - start, StandardCharsets.UTF_8)).ifPresent(events::add);
                start = i + 1;
            }
        }
        if (start == 0 && bytes.length == MAX_READ) {
            // One line longer than anything the listener writes: skip it whole rather than stall here forever.
            start = bytes.length;
        }
        return new Batch(events, offset + start);
    }

    private Optional<WorkerEvent> parse(String line)
    {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper.readTree(line);
            WorkerEvent.Type type = WorkerEvent.Type.valueOf(node.path("type").asText());
            return Optional.of(new WorkerEvent(
                    type,
                    node.path("executorId").asText(""),
                    Instant.ofEpochMilli(node.path("time").asLong()),
                    Math.max(0, node.path("cores").asInt(0)),
                    text(node, "reason"),
                    text(node, "appId")));
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
