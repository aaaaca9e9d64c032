package io.emrys.application;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.ApplicationId;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code applications} table. Every method runs inside the caller's transaction (a JDBI handle). */
public final class ApplicationDao
{
    private final ObjectMapper json;

    public ApplicationDao(ObjectMapper json)
    {
        this.json = requireNonNull(json, "json is null");
    }

    public void insert(Handle handle, Application application)
    {
        handle.createUpdate("""
                INSERT INTO applications (application_id, arn, name, release_label, engine_type, state, state_details,
                                          config_json, created_at, updated_at, last_activity_at)
                VALUES (:id, :arn, :name, :releaseLabel, :type, :state, :stateDetails, :config, :createdAt, :updatedAt, :lastActivityAt)
                """)
                .bind("id", application.id().value())
                .bind("arn", application.arn())
                .bind("name", application.configuration().name().orElse(null))
                .bind("releaseLabel", application.configuration().releaseLabel())
                .bind("type", application.configuration().type())
                .bind("state", application.state().name())
                .bind("stateDetails", application.stateDetails().orElse(null))
                .bind("config", write(application.configuration().document()))
                .bind("createdAt", application.createdAt().toEpochMilli())
                .bind("updatedAt", application.updatedAt().toEpochMilli())
                .bind("lastActivityAt", application.lastActivityAt().toEpochMilli())
                .execute();
    }

    public void update(Handle handle, Application application)
    {
        int rows = handle.createUpdate("""
                UPDATE applications
                SET name = :name, release_label = :releaseLabel, engine_type = :type, state = :state,
                    state_details = :stateDetails, config_json = :config, updated_at = :updatedAt,
                    last_activity_at = :lastActivityAt
                WHERE application_id = :id
                """)
                .bind("id", application.id().value())
                .bind("name", application.configuration().name().orElse(null))
                .bind("releaseLabel", application.configuration().releaseLabel())
                .bind("type", application.configuration().type())
                .bind("state", application.state().name())
                .bind("stateDetails", application.stateDetails().orElse(null))
                .bind("config", write(application.configuration().document()))
                .bind("updatedAt", application.updatedAt().toEpochMilli())
                .bind("lastActivityAt", application.lastActivityAt().toEpochMilli())
                .execute();
        if (rows != 1) {
            throw new IllegalStateException("application vanished from the store: " + application.id());
        }
    }

    public List<Application> all(Handle handle)
    {
        return handle.createQuery("SELECT * FROM applications ORDER BY created_at, application_id")
                .map((rs, ctx) -> read(rs))
                .list();
    }

    public Optional<Application> find(Handle handle, ApplicationId id)
    {
        return handle.createQuery("SELECT * FROM applications WHERE application_id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    private Application read(ResultSet rs)
            throws SQLException
    {
        try {
            ObjectNode config = (ObjectNode) json.readTree(rs.getString("config_json"));
            return new Application(
                    new ApplicationId(rs.getString("application_id")),
                    rs.getString("arn"),
                    ApplicationState.valueOf(rs.getString("state")),
                    Optional.ofNullable(rs.getString("state_details")),
                    ApplicationConfiguration.fromStored(config),
                    Instant.ofEpochMilli(rs.getLong("created_at")),
                    Instant.ofEpochMilli(rs.getLong("updated_at")),
                    Instant.ofEpochMilli(rs.getLong("last_activity_at")));
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(ObjectNode document)
    {
        try {
            return json.writeValueAsString(document);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
