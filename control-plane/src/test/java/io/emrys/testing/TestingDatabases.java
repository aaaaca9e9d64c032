package io.emrys.testing;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;

/** Database files in the shapes tests need, such as one an older control plane left behind. */
public final class TestingDatabases
{
    private TestingDatabases() {}

    /**
     * Migrates {@code file} only up to {@code version}, so that a test can write rows in the old shape and then open it
     * with {@link io.emrys.store.Database#openSqlite}, which migrates the rest.
     */
    /** The worker records of an application, read from the database file of a server's data folder. */
    public static java.util.List<io.emrys.metering.WorkerRecord> workers(Path dataDir, String applicationId)
    {
        return io.emrys.store.Database.openSqlite(dataDir.resolve("emrys.db")).jdbi()
                .withHandle(handle -> new io.emrys.metering.WorkerDao().forApplication(handle, applicationId));
    }

    /** Where a session's driver runs, as the control plane stored it: its loopback gRPC port and its work dir. */
    public record SessionDriver(int grpcPort, Path workDir) {}

    /** The stored driver of a session, read from the database file of a server's data folder. */
    public static SessionDriver sessionDriver(Path dataDir, String sessionId)
    {
        return io.emrys.store.Database.openSqlite(dataDir.resolve("emrys.db")).jdbi()
                .withHandle(handle -> handle.createQuery("SELECT grpc_port, work_dir FROM sessions WHERE session_id = :id")
                        .bind("id", sessionId)
                        .map((row, context) -> new SessionDriver(row.getInt("grpc_port"), Path.of(row.getString("work_dir"))))
                        .one());
    }

    public static void migrateTo(Path file, String version)
    {
        Flyway.configure()
                .dataSource("jdbc:sqlite:" + file.toAbsolutePath(), null, null)
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    /** A started application row, which job runs and sessions reference; in every schema version since the first. */
    public static void insertApplication(Handle handle, String applicationId)
    {
        handle.createUpdate("""
                INSERT INTO applications (application_id, arn, release_label, engine_type, state, config_json, created_at, updated_at, last_activity_at)
                VALUES (:id, 'arn:' || :id, 'emr-spark-8.0', 'SPARK', 'STARTED', '{}', 0, 0, 0)""")
                .bind("id", applicationId)
                .execute();
    }
}
