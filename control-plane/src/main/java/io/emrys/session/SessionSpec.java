package io.emrys.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Documents;
import io.emrys.common.SubmittedSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** What StartSession asked for, kept as the model's document so GetSession returns it exactly. */
public final class SessionSpec
        extends SubmittedSpec
{
    public static final Set<String> MEMBERS = Set.of("name", "executionRoleArn", "configurationOverrides", "idleTimeoutMinutes");
    /** AWS's documented default idle timeout for sessions. */
    public static final long DEFAULT_IDLE_TIMEOUT_MINUTES = 60;

    private SessionSpec(ObjectNode document)
    {
        super(document);
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

    /** Zero means the session never times out for idleness (the 24-hour cap still applies). */
    public Duration idleTimeout()
    {
        return Duration.ofMinutes(node().path("idleTimeoutMinutes").asLong(DEFAULT_IDLE_TIMEOUT_MINUTES));
    }

    public JsonNode runtimeConfiguration()
    {
        return node().path("configurationOverrides").path("runtimeConfiguration").deepCopy();
    }
}
