package io.emrys.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.common.JobRunId;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.store.Database;
import io.emrys.testing.TestingDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class JobRunDaoTest
{
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final JobRunDao dao = new JobRunDao(new ObjectMapper());

    @TempDir
    Path dataDir;

    @Test
    void anAttemptStoredWithOnlyAPidByAnOlderControlPlaneReadsBackAsALocalProcessRef()
    {
        Path file = dataDir.resolve("emrys.db");
        TestingDatabases.migrateTo(file, "2");
        Jdbi.create("jdbc:sqlite:" + file).useHandle(handle -> {
            insertRun(handle);
            handle.execute("""
                    INSERT INTO job_run_attempts (job_run_id, attempt, state, state_details, created_at, updated_at, driver_pid, work_dir)
                    VALUES ('00run', 1, 'FAILED', 'exit 1', 0, 0, 4242, '/data/00run-1'),
                           ('00run', 2, 'SUBMITTED', '', 0, 0, NULL, NULL)""");
        });

        Jdbi upgraded = Database.openSqlite(file).jdbi();

        assertThat(upgraded.withHandle(dao::allAttempts))
                .extracting(JobRunAttempt::driverRef)
                .containsExactly(Optional.of(new DriverRef("local-process:4242")), Optional.empty());
    }

    @Test
    void storesTheDriverRefOfALaunchedAttempt()
    {
        Jdbi jdbi = Database.openSqlite(dataDir.resolve("emrys.db")).jdbi();
        JobRunAttempt attempt = JobRunAttempt.submitted(new JobRunId("00run"), 1, NOW);
        DriverRef ref = new DriverRef("some-cluster:driver-7");

        jdbi.useTransaction(handle -> {
            insertRun(handle);
            dao.insertAttempt(handle, attempt);
            dao.updateAttempt(handle, attempt.withDriver(ref, "/data/00run-1", Optional.of(4040), NOW));
        });

        assertThat(jdbi.withHandle(dao::allAttempts)).singleElement()
                .satisfies(stored -> assertThat(stored.driverRef()).contains(ref));
    }

    /** Job run {@code 00run} of application {@code 00app}, written in SQL so that it fits every schema version. */
    private static void insertRun(Handle handle)
    {
        TestingDatabases.insertApplication(handle, "00app");
        handle.execute("""
                INSERT INTO job_runs (job_run_id, application_id, arn, created_by, execution_role, release_label, mode, spec_json, created_at)
                VALUES ('00run', '00app', 'arn:run', 'me', 'arn:role', 'emr-spark-8.0', 'BATCH', '{}', 0)""");
    }
}
