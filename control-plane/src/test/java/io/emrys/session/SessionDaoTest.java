package io.emrys.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.store.Database;
import io.emrys.testing.TestingDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SessionDaoTest
{
    private final SessionDao dao = new SessionDao(new ObjectMapper());

    @TempDir
    Path dataDir;

    @Test
    void aSessionStoredWithOnlyAPidByAnOlderControlPlaneReadsBackAsALocalProcessRef()
    {
        Path file = dataDir.resolve("emrys.db");
        TestingDatabases.migrateTo(file, "2");
        Jdbi.create("jdbc:sqlite:" + file).useHandle(handle -> {
            TestingDatabases.insertApplication(handle, "00app");
            handle.execute("""
                    INSERT INTO sessions (session_id, application_id, arn, created_by, release_label, spec_json, state, state_details, created_at,
                                          updated_at, driver_pid, work_dir, grpc_port)
                    VALUES ('00live', '00app', 'arn:live', 'me', 'emr-spark-8.0', '{}', 'IDLE', 'idle', 0, 0, 4343, '/data/00live', 15002),
                           ('00new', '00app', 'arn:new', 'me', 'emr-spark-8.0', '{}', 'SUBMITTED', 'submitted', 1, 1, NULL, NULL, NULL)""");
        });

        Jdbi upgraded = Database.openSqlite(file).jdbi();

        assertThat(upgraded.withHandle(dao::all)).extracting(Session::driverRef)
                .containsExactly(Optional.of(new DriverRef("local-process:4343")), Optional.empty());
    }

    @Test
    void storesTheDriverRefOfALaunchedSession()
    {
        Jdbi jdbi = Database.openSqlite(dataDir.resolve("emrys.db")).jdbi();
        jdbi.useHandle(handle -> {
            TestingDatabases.insertApplication(handle, "00app");
            handle.execute("""
                    INSERT INTO sessions (session_id, application_id, arn, created_by, release_label, spec_json, state, state_details, created_at, updated_at)
                    VALUES ('00live', '00app', 'arn:live', 'me', 'emr-spark-8.0', '{}', 'STARTING', 'starting', 0, 0)""");
        });
        Session stored = jdbi.withHandle(dao::all).get(0);
        DriverRef ref = new DriverRef("some-cluster:driver-8");

        jdbi.useHandle(handle -> dao.update(handle, stored.withDriver(ref, "/data/00live", 15002, Optional.empty(), Instant.EPOCH)));

        assertThat(jdbi.withHandle(dao::all)).singleElement()
                .satisfies(session -> assertThat(session.driverRef()).contains(ref));
    }
}
