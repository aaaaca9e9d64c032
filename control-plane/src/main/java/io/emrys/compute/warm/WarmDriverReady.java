package io.emrys.compute.warm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a warm driver reports once its SparkSession is up, from {@code <workDir>/warm-ready.json}.
 *
 * @param applicationId the Spark application id ({@code local-...} or {@code app-...})
 * @param uiPort the port its live Spark UI is bound to; 0 when the UI is disabled
 */
record WarmDriverReady(String applicationId, int uiPort)
{
    static final String FILE = "warm-ready.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    WarmDriverReady
    {
        requireNonNull(applicationId, "applicationId is null");
    }

    /** Empty while the driver has not written the file; it writes it whole, so a file that exists is complete. */
    static Optional<WarmDriverReady> read(Path workDir)
    {
        Path file = workDir.resolve(FILE);
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new WarmDriverReady(node.path("appId").asText(), node.path("uiPort").asInt()));
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new IllegalStateException("The warm driver wrote an unreadable " + file, e);
        }
    }
}
