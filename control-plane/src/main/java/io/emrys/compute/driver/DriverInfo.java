package io.emrys.compute.driver;

import io.emrys.common.WorkerSize;

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
record DriverInfo(String runId, int uiPort, Instant startedAt, WorkerSize size)
{
    DriverInfo
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(size, "size is null");
    }

    void write(Path file)
            throws IOException
    {
        Properties properties = new Properties();
        properties.setProperty("runId", runId);
        properties.setProperty("uiPort", Integer.toString(uiPort));
        properties.setProperty("startedAt", startedAt.toString());
        // "vCpu" as before the size became a WorkerSize, so work dirs of drivers started by an older control plane still read
        properties.setProperty("vCpu", Double.toString(size.vcpu()));
        properties.setProperty("memoryGb", Double.toString(size.memoryGb()));
        properties.setProperty("diskGb", Double.toString(size.diskGb()));
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
            WorkerSize size = new WorkerSize(
                    Double.parseDouble(properties.getProperty("vCpu")),
                    Double.parseDouble(properties.getProperty("memoryGb")),
                    Double.parseDouble(properties.getProperty("diskGb")));
            return Optional.of(new DriverInfo(properties.getProperty("runId"), Integer.parseInt(properties.getProperty("uiPort")),
                    Instant.parse(properties.getProperty("startedAt")), size));
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
