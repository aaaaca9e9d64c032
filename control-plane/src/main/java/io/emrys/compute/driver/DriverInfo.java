package io.emrys.compute.driver;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/** The non-secret facts about a launch kept in the work dir, so a re-adopted driver can be described again. */
record DriverInfo(String runId, int uiPort, WorkerRecord worker)
{
    DriverInfo
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(worker, "worker is null");
    }

    void write(Path file)
            throws IOException
    {
        Properties properties = new Properties();
        properties.setProperty("runId", runId);
        properties.setProperty("uiPort", Integer.toString(uiPort));
        properties.setProperty("startedAt", worker.startedAt().toString());
        properties.setProperty("vCpu", Integer.toString(worker.vCpu()));
        properties.setProperty("memoryGb", Double.toString(worker.memoryGb()));
        properties.setProperty("diskGb", Double.toString(worker.diskGb()));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "Emrys driver launch");
        }
    }

    /** Reads the file back; empty when it is missing or unreadable (a work dir from another launcher). */
    static Optional<DriverInfo> read(Path file)
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            WorkerRecord worker = new WorkerRecord(
                    properties.getProperty("runId"),
                    WorkerType.DRIVER,
                    Instant.parse(properties.getProperty("startedAt")),
                    Optional.empty(),
                    Integer.parseInt(properties.getProperty("vCpu")),
                    Double.parseDouble(properties.getProperty("memoryGb")),
                    Double.parseDouble(properties.getProperty("diskGb")));
            return Optional.of(new DriverInfo(worker.runId(), Integer.parseInt(properties.getProperty("uiPort")), worker));
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
