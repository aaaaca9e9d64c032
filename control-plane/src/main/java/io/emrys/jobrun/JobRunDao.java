package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.ApplicationId;
import io.emrys.common.JobRunId;
import io.emrys.compute.cluster.DriverRef;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code job_runs} and {@code job_run_attempts} tables. Methods run inside the caller's transaction. */
public final class JobRunDao
{
    private final ObjectMapper json;

    public JobRunDao(ObjectMapper json)
    {
        this.json = requireNonNull(json, "json is null");
    }

    public void insert(Handle handle, JobRun run)
    {
        try {
            handle.createUpdate("""
                    INSERT INTO job_runs (job_run_id, application_id, arn, name, created_by, execution_role, release_label,
                                          mode, spec_json, created_at)
                    VALUES (:id, :applicationId, :arn, :name, :createdBy, :executionRole, :releaseLabel, :mode, :spec, :createdAt)
                    """)
                    .bind("id", run.id().value())
                    .bind("applicationId", run.applicationId().value())
                    .bind("arn", run.arn())
                    .bind("name", run.spec().name().orElse(null))
                    .bind("createdBy", run.createdBy())
                    .bind("executionRole", run.spec().executionRoleArn())
                    .bind("releaseLabel", run.releaseLabel())
                    .bind("mode", run.spec().mode())
                    .bind("spec", json.writeValueAsString(run.spec().document()))
                    .bind("createdAt", run.createdAt().toEpochMilli())
                    .execute();
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void insertAttempt(Handle handle, JobRunAttempt attempt)
    {
        handle.createUpdate("""
                INSERT INTO job_run_attempts (job_run_id, attempt, state, state_details, created_at, updated_at, started_at,
                                              ended_at, driver_ref, work_dir, ui_port)
                VALUES (:id, :attempt, :state, :details, :createdAt, :updatedAt, :startedAt, :endedAt, :driverRef, :workDir, :uiPort)
                """)
                .bindMap(attemptColumns(attempt))
                .execute();
    }

    public void updateAttempt(Handle handle, JobRunAttempt attempt)
    {
        int rows = handle.createUpdate("""
                UPDATE job_run_attempts
                SET state = :state, state_details = :details, updated_at = :updatedAt, started_at = :startedAt,
                    ended_at = :endedAt, driver_ref = :driverRef, work_dir = :workDir, ui_port = :uiPort
                WHERE job_run_id = :id AND attempt = :attempt
                """)
                .bindMap(attemptColumns(attempt))
                .execute();
        if (rows != 1) {
            throw new IllegalStateException("attempt %d of job run %s vanished from the store".formatted(attempt.attempt(), attempt.jobRunId()));
        }
    }

    public List<JobRun> allRuns(Handle handle)
    {
        return handle.createQuery("SELECT * FROM job_runs ORDER BY created_at, job_run_id")
                .map((rs, ctx) -> readRun(rs))
                .list();
    }

    public List<JobRunAttempt> allAttempts(Handle handle)
    {
        return handle.createQuery("SELECT * FROM job_run_attempts ORDER BY job_run_id, attempt")
                .map((rs, ctx) -> readAttempt(rs))
                .list();
    }

    private static java.util.Map<String, Object> attemptColumns(JobRunAttempt attempt)
    {
        java.util.Map<String, Object> columns = new java.util.HashMap<>();
        columns.put("id", attempt.jobRunId().value());
        columns.put("attempt", attempt.attempt());
        columns.put("state", attempt.state().name());
        columns.put("details", attempt.stateDetails());
        columns.put("createdAt", attempt.createdAt().toEpochMilli());
        columns.put("updatedAt", attempt.updatedAt().toEpochMilli());
        columns.put("startedAt", attempt.startedAt().map(Instant::toEpochMilli).orElse(null));
        columns.put("endedAt", attempt.endedAt().map(Instant::toEpochMilli).orElse(null));
        columns.put("driverRef", attempt.driverRef().map(DriverRef::value).orElse(null));
        columns.put("workDir", attempt.workDir().orElse(null));
        columns.put("uiPort", attempt.uiPort().orElse(null));
        return columns;
    }

    private JobRun readRun(ResultSet rs)
            throws SQLException
    {
        try {
            return new JobRun(
                    new JobRunId(rs.getString("job_run_id")),
                    new ApplicationId(rs.getString("application_id")),
                    rs.getString("arn"),
                    rs.getString("created_by"),
                    rs.getString("release_label"),
                    JobRunSpec.fromStored((ObjectNode) json.readTree(rs.getString("spec_json"))),
                    Instant.ofEpochMilli(rs.getLong("created_at")));
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JobRunAttempt readAttempt(ResultSet rs)
            throws SQLException
    {
        return new JobRunAttempt(
                new JobRunId(rs.getString("job_run_id")),
                rs.getInt("attempt"),
                JobRunState.valueOf(rs.getString("state")),
                rs.getString("state_details"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                optionalLong(rs, "started_at").map(Instant::ofEpochMilli),
                optionalLong(rs, "ended_at").map(Instant::ofEpochMilli),
                Optional.ofNullable(rs.getString("driver_ref")).map(DriverRef::new),
                Optional.ofNullable(rs.getString("work_dir")),
                optionalLong(rs, "ui_port").map(Long::intValue));
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column)
            throws SQLException
    {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
