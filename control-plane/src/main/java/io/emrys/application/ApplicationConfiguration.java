package io.emrys.application;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Documents;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a user configures on an application, kept as the model's document so that every nested shape
 * (capacities, network, image, worker types, ...) is stored and returned exactly as given, with typed
 * accessors for the members Emrys acts on. Instances are immutable: the document is copied in and out.
 */
public final class ApplicationConfiguration
{
    /** Members of CreateApplication/UpdateApplication that are configuration (not ids, tokens or tags). */
    public static final Set<String> MEMBERS = Set.of(
            "name", "releaseLabel", "type", "initialCapacity", "maximumCapacity", "autoStartConfiguration",
            "autoStopConfiguration", "networkConfiguration", "architecture", "imageConfiguration",
            "workerTypeSpecifications", "runtimeConfiguration", "monitoringConfiguration", "interactiveConfiguration",
            "schedulerConfiguration", "diskEncryptionConfiguration", "identityCenterConfiguration", "jobLevelCostAllocationConfiguration");

    private static final int DEFAULT_IDLE_TIMEOUT_MINUTES = 15;

    private final ObjectNode document;

    private ApplicationConfiguration(ObjectNode document)
    {
        this.document = requireNonNull(document, "document is null");
    }

    /** A new application's configuration: the given members plus AWS's defaults for the ones left out. */
    public static ApplicationConfiguration forCreate(ObjectNode input)
    {
        ObjectNode document = Documents.pick(input, MEMBERS);
        ObjectNode autoStart = document.has("autoStartConfiguration") ? (ObjectNode) document.get("autoStartConfiguration") : document.putObject("autoStartConfiguration");
        if (!autoStart.has("enabled")) {
            autoStart.put("enabled", true);
        }
        ObjectNode autoStop = document.has("autoStopConfiguration") ? (ObjectNode) document.get("autoStopConfiguration") : document.putObject("autoStopConfiguration");
        if (!autoStop.has("enabled")) {
            autoStop.put("enabled", true);
        }
        if (autoStop.get("enabled").asBoolean() && !autoStop.has("idleTimeoutMinutes")) {
            autoStop.put("idleTimeoutMinutes", DEFAULT_IDLE_TIMEOUT_MINUTES);
        }
        if (!document.has("architecture")) {
            document.put("architecture", "X86_64");
        }
        return new ApplicationConfiguration(document);
    }

    public static ApplicationConfiguration fromStored(ObjectNode document)
    {
        return new ApplicationConfiguration(document.deepCopy());
    }

    /** This configuration with the members present in an UpdateApplication input replacing the stored ones. */
    public ApplicationConfiguration withUpdate(ObjectNode update)
    {
        ObjectNode merged = document.deepCopy();
        ObjectNode changes = Documents.pick(update, MEMBERS);
        for (Iterator<Map.Entry<String, JsonNode>> fields = changes.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            merged.set(field.getKey(), field.getValue());
        }
        ObjectNode autoStop = merged.with("autoStopConfiguration");
        if (autoStop.path("enabled").asBoolean(true) && !autoStop.has("idleTimeoutMinutes")) {
            autoStop.put("idleTimeoutMinutes", DEFAULT_IDLE_TIMEOUT_MINUTES);
        }
        return new ApplicationConfiguration(merged);
    }

    public ObjectNode document()
    {
        return document.deepCopy();
    }

    public Optional<String> name()
    {
        return text("name");
    }

    public String releaseLabel()
    {
        return document.get("releaseLabel").asText();
    }

    public String type()
    {
        return document.get("type").asText();
    }

    public boolean autoStartEnabled()
    {
        return document.path("autoStartConfiguration").path("enabled").asBoolean(true);
    }

    /** The idle time after which the application stops itself, or empty when auto-stop is off. */
    public Optional<Duration> autoStopIdleTimeout()
    {
        JsonNode autoStop = document.path("autoStopConfiguration");
        if (!autoStop.path("enabled").asBoolean(true)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMinutes(autoStop.path("idleTimeoutMinutes").asInt(DEFAULT_IDLE_TIMEOUT_MINUTES)));
    }

    /** The application's default Spark configuration classifications ({@code runtimeConfiguration}). */
    public JsonNode runtimeConfiguration()
    {
        return document.path("runtimeConfiguration").deepCopy();
    }

    /** The application's default monitoring configuration, which a job run's overrides replace member-wise. */
    public JsonNode monitoringConfiguration()
    {
        return document.path("monitoringConfiguration").deepCopy();
    }

    /** Where the application's work uploads its logs by default ({@code s3MonitoringConfiguration.logUri}), if anywhere. */
    public Optional<String> logUri()
    {
        String uri = document.path("monitoringConfiguration").path("s3MonitoringConfiguration").path("logUri").asText("");
        return uri.isEmpty() ? Optional.empty() : Optional.of(uri);
    }

    /**
     * The {@code initialCapacity} map (worker type, such as {@code DRIVER} or {@code EXECUTOR}, to
     * {@code workerCount} and {@code workerConfiguration}) as given, or empty when the application has none.
     */
    public Optional<JsonNode> initialCapacity()
    {
        return member("initialCapacity");
    }

    /** The {@code maximumCapacity} ({@code cpu}, {@code memory}, optional {@code disk}) as given, or empty when absent. */
    public Optional<JsonNode> maximumCapacity()
    {
        return member("maximumCapacity");
    }

    private Optional<JsonNode> member(String member)
    {
        JsonNode node = document.get(member);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.deepCopy());
    }

    private Optional<String> text(String member)
    {
        JsonNode node = document.get(member);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ApplicationConfiguration that && document.equals(that.document);
    }

    @Override
    public int hashCode()
    {
        return document.hashCode();
    }
}
