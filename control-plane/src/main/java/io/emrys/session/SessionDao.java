package io.emrys.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.ApplicationId;
import io.emrys.common.SessionId;
import io.emrys.compute.cluster.DriverRef;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code sessions} and {@code session_tokens} tables. Methods run inside the caller's transaction. */
public final class SessionDao
{
    private final ObjectMapper json;

    public SessionDao(ObjectMapper json)
    {
        this.json = requireNonNull(json, "json is null");
    }

    public void insert(Handle handle, Session session)
    {
        handle.createUpdate("""
                INSERT INTO sessions (session_id, application_id, arn, created_by, release_label, spec_json, state, state_details,
                                      created_at, updated_at, started_at, ended_at, idle_since, driver_ref, work_dir, grpc_port, ui_port)
                VALUES (:id, :applicationId, :arn, :createdBy, :releaseLabel, :spec, :state, :details,
                        :createdAt, :updatedAt, :startedAt, :endedAt, :idleSince, :driverRef, :workDir, :grpcPort, :uiPort)
                """)
                .bindMap(columns(session))
                .execute();
    }

    public void update(Handle handle, Session session)
    {
        int rows = handle.createUpdate("""
                UPDATE sessions
                SET state = :state, state_details = :details, updated_at = :updatedAt, started_at = :startedAt, ended_at = :endedAt,
                    idle_since = :idleSince, driver_ref = :driverRef, work_dir = :workDir, grpc_port = :grpcPort, ui_port = :uiPort
                WHERE session_id = :id
                """)
                .bindMap(columns(session))
                .execute();
        if (rows != 1) {
            throw new IllegalStateException("session vanished from the store: " + session.id());
        }
    }

    public List<Session> all(Handle handle)
    {
        return handle.createQuery("SELECT * FROM sessions ORDER BY created_at, session_id")
                .map((rs, ctx) -> read(rs))
                .list();
    }

    public void insertToken(Handle handle, String tokenHash, SessionId session, Instant expiresAt)
    {
        handle.createUpdate("INSERT INTO session_tokens (token_hash, session_id, expires_at) VALUES (:hash, :session, :expiresAt)")
                .bind("hash", tokenHash)
                .bind("session", session.value())
                .bind("expiresAt", expiresAt.toEpochMilli())
                .execute();
    }

    /** Every token hash that has not expired at {@code now}, with its session and expiry. */
    public Map<String, IssuedToken> liveTokens(Handle handle, Instant now)
    {
        Map<String, IssuedToken> tokens = new HashMap<>();
        handle.createQuery("SELECT token_hash, session_id, expires_at FROM session_tokens WHERE expires_at > :now")
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> Map.entry(rs.getString("token_hash"),
                        new IssuedToken(new SessionId(rs.getString("session_id")), Instant.ofEpochMilli(rs.getLong("expires_at")))))
                .forEach(entry -> tokens.put(entry.getKey(), entry.getValue()));
        return tokens;
    }

    /** A token's session and expiry (the token itself is never stored). */
    public record IssuedToken(SessionId session, Instant expiresAt) {}

    /** The session a token hash was issued for, if it has not expired at {@code now}. */
    public Optional<SessionId> findToken(Handle handle, String tokenHash, Instant now)
    {
        return handle.createQuery("SELECT session_id FROM session_tokens WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", tokenHash)
                .bind("now", now.toEpochMilli())
                .mapTo(String.class)
                .findOne()
                .map(SessionId::new);
    }

    public void deleteExpiredTokens(Handle handle, Instant now)
    {
        handle.createUpdate("DELETE FROM session_tokens WHERE expires_at <= :now").bind("now", now.toEpochMilli()).execute();
    }

    private Map<String, Object> columns(Session session)
    {
        Map<String, Object> columns = new HashMap<>();
        columns.put("id", session.id().value());
        columns.put("applicationId", session.applicationId().value());
        columns.put("arn", session.arn());
        columns.put("createdBy", session.createdBy());
        columns.put("releaseLabel", session.releaseLabel());
        try {
            columns.put("spec", json.writeValueAsString(session.spec().document()));
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        columns.put("state", session.state().name());
        columns.put("details", session.stateDetails());
        columns.put("createdAt", session.createdAt().toEpochMilli());
        columns.put("updatedAt", session.updatedAt().toEpochMilli());
        columns.put("startedAt", session.startedAt().map(Instant::toEpochMilli).orElse(null));
        columns.put("endedAt", session.endedAt().map(Instant::toEpochMilli).orElse(null));
        columns.put("idleSince", session.idleSince().map(Instant::toEpochMilli).orElse(null));
        columns.put("driverRef", session.driverRef().map(DriverRef::value).orElse(null));
        columns.put("workDir", session.workDir().orElse(null));
        columns.put("grpcPort", session.grpcPort().orElse(null));
        columns.put("uiPort", session.uiPort().orElse(null));
        return columns;
    }

    private Session read(ResultSet rs)
            throws SQLException
    {
        try {
            return new Session(
                    new SessionId(rs.getString("session_id")),
                    new ApplicationId(rs.getString("application_id")),
                    rs.getString("arn"),
                    rs.getString("created_by"),
                    rs.getString("release_label"),
                    SessionSpec.fromStored((ObjectNode) json.readTree(rs.getString("spec_json"))),
                    SessionState.valueOf(rs.getString("state")),
                    rs.getString("state_details"),
                    Instant.ofEpochMilli(rs.getLong("created_at")),
                    Instant.ofEpochMilli(rs.getLong("updated_at")),
                    optionalLong(rs, "started_at").map(Instant::ofEpochMilli),
                    optionalLong(rs, "ended_at").map(Instant::ofEpochMilli),
                    optionalLong(rs, "idle_since").map(Instant::ofEpochMilli),
                    Optional.ofNullable(rs.getString("driver_ref")).map(DriverRef::new),
                    Optional.ofNullable(rs.getString("work_dir")),
                    optionalLong(rs, "grpc_port").map(Long::intValue),
                    optionalLong(rs, "ui_port").map(Long::intValue));
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column)
            throws SQLException
    {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
