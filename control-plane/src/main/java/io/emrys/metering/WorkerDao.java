package io.emrys.metering;

import io.emrys.common.WorkerSize;
import io.emrys.common.WorkerType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code workers} table. Its writes are called only by {@link WorkerRows} (held by {@code io.emrys.ArchitectureTest}),
 * so every record's start and end goes through one place; its reads are used where the records are metered.
 */
public final class WorkerDao
{
    private void insert(Handle handle, WorkerRecord worker)
    {
        handle.createUpdate("""
                INSERT INTO workers (worker_id, application_id, job_run_id, attempt, worker_type, vcpu, memory_gb, disk_gb,
                                     pre_initialized, started_at, stopped_at, stop_reason)
                VALUES (:id, :applicationId, :jobRunId, :attempt, :type, :vcpu, :memoryGb, :diskGb, :preInitialized,
                        :startedAt, :stoppedAt, :stopReason)
                """)
                .bind("id", worker.workerId())
                .bind("applicationId", worker.applicationId())
                .bind("jobRunId", worker.jobRunId().orElse(null))
                .bind("attempt", worker.attempt().orElse(null))
                .bind("type", worker.type().name())
                .bind("vcpu", worker.size().vcpu())
                .bind("memoryGb", worker.size().memoryGb())
                .bind("diskGb", worker.size().diskGb())
                .bind("preInitialized", worker.preInitialized() ? 1 : 0)
                .bind("startedAt", worker.startedAt().toEpochMilli())
                .bind("stoppedAt", worker.stoppedAt().map(Instant::toEpochMilli).orElse(null))
                .bind("stopReason", worker.stopReason().orElse(null))
                .execute();
    }

    /**
     * Inserts a record unless one with its id exists; true when inserted. Executor records are replayed from a
     * driver's event file after a control plane restart, so the same executor may be seen twice.
     */
    public boolean insertIfAbsent(Handle handle, WorkerRecord worker, Optional<String> sessionId)
    {
        boolean exists = handle.createQuery("SELECT count(*) FROM workers WHERE worker_id = :id")
                .bind("id", worker.workerId())
                .mapTo(Integer.class)
                .one() > 0;
        if (exists) {
            return false;
        }
        if (sessionId.isPresent()) {
            insertForSession(handle, worker, sessionId.get());
        }
        else {
            insert(handle, worker);
        }
        return true;
    }

    public List<WorkerRecord> forApplication(Handle handle, String applicationId)
    {
        return handle.createQuery("SELECT * FROM workers WHERE application_id = :app ORDER BY started_at, worker_id")
                .bind("app", applicationId)
                .map((rs, ctx) -> read(rs))
                .list();
    }

    /** A session's worker: {@code session_id} is set and the job-run columns stay empty. */
    private void insertForSession(Handle handle, WorkerRecord worker, String sessionId)
    {
        insert(handle, worker);
        handle.createUpdate("UPDATE workers SET session_id = :session WHERE worker_id = :id")
                .bind("session", sessionId)
                .bind("id", worker.workerId())
                .execute();
    }

    public List<WorkerRecord> forSession(Handle handle, String sessionId)
    {
        return handle.createQuery("SELECT * FROM workers WHERE session_id = :session ORDER BY started_at, worker_id")
                .bind("session", sessionId)
                .map((rs, ctx) -> read(rs))
                .list();
    }

    public void markStopped(Handle handle, String workerId, Instant at, String reason)
    {
        handle.createUpdate("UPDATE workers SET stopped_at = :at, stop_reason = :reason WHERE worker_id = :id AND stopped_at IS NULL")
                .bind("id", workerId)
                .bind("at", at.toEpochMilli())
                .bind("reason", reason)
                .execute();
    }

    /** Ends the records of idle pre-initialized workers (nobody's: no job run, no session) that are still open. */
    public int stopOpenIdle(Handle handle, Instant at, String reason)
    {
        return handle.createUpdate("""
                UPDATE workers SET stopped_at = :at, stop_reason = :reason
                WHERE stopped_at IS NULL AND job_run_id IS NULL AND session_id IS NULL
                """)
                .bind("at", at.toEpochMilli())
                .bind("reason", reason)
                .execute();
    }

    public List<WorkerRecord> forRun(Handle handle, String jobRunId)
    {
        return handle.createQuery("SELECT * FROM workers WHERE job_run_id = :run ORDER BY started_at, worker_id")
                .bind("run", jobRunId)
                .map((rs, ctx) -> read(rs))
                .list();
    }

    public List<WorkerRecord> all(Handle handle)
    {
        return handle.createQuery("SELECT * FROM workers ORDER BY started_at, worker_id")
                .map((rs, ctx) -> read(rs))
                .list();
    }

    private static WorkerRecord read(ResultSet rs)
            throws SQLException
    {
        long stoppedAt = rs.getLong("stopped_at");
        Optional<Instant> stopped = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(stoppedAt));
        int attempt = rs.getInt("attempt");
        Optional<Integer> attemptNumber = rs.wasNull() ? Optional.empty() : Optional.of(attempt);
        return new WorkerRecord(
                rs.getString("worker_id"),
                rs.getString("application_id"),
                Optional.ofNullable(rs.getString("job_run_id")),
                attemptNumber,
                WorkerType.valueOf(rs.getString("worker_type")),
                new WorkerSize(rs.getDouble("vcpu"), rs.getDouble("memory_gb"), rs.getDouble("disk_gb")),
                rs.getInt("pre_initialized") != 0,
                Instant.ofEpochMilli(rs.getLong("started_at")),
                stopped,
                Optional.ofNullable(rs.getString("stop_reason")));
    }
}
