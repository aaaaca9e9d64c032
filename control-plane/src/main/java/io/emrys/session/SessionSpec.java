package io.emrys.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Documents;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** What StartSession asked for, kept as the model's document so GetSession returns it exactly. */
public final class SessionSpec
{
    public static final Set<String> MEMBERS = Set.of("name", "executionRoleArn", "configurationOverrides", "idleTimeoutMinutes");
    /** AWS's documented default idle timeout for sessions. */
    public static final long DEFAULT_IDLE_TIMEOUT_MINUTES = 60;

    private final ObjectNode document;

    private SessionSpec(ObjectNode document)
    {
        this.document = requireNonNull(document, "document is null");
    }

    public static SessionSpec fromInput(ObjectNode input)
    {
        ObjectNode document = Documents.pick(input, MEMBERS);
        if (!document.has("idleTimeoutMinutes")) {
            document.put("idleTimeoutMinutes", DEFAULT_IDLE_TIMEOUT_MINUTES);
        }
        return new SessionSpec(document);
    }

    public static SessionSpec fromStored(ObjectNode document)
    {
        return new SessionSpec(document.deepCopy());
    }

    public ObjectNode document()
    {
        return document.deepCopy();
    }

    public Optional<String> name()
    {
        JsonNode name = document.get("name");
        return name == null ? Optional.empty() : Optional.of(name.asText());
    }

    public String executionRoleArn()
    {
        return document.path("executionRoleArn").asText();
    }

    /** Zero means the session never times out for idleness (the 24-hour cap still applies). */
    public Duration idleTimeout()
    {
        return Duration.ofMinutes(document.path("idleTimeoutMinutes").asLong(DEFAULT_IDLE_TIMEOUT_MINUTES));
    }

    public JsonNode runtimeConfiguration()
    {
        return document.path("configurationOverrides").path("runtimeConfiguration").deepCopy();
    }
}
