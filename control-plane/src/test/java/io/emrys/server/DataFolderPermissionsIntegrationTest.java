package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder holds the root key (in the database and the AWS profile files) and every run's logs: the server
 * makes it owner-only, and its secret files too, even when an older install left them readable by others.
 */
@Timeout(120)
class DataFolderPermissionsIntegrationTest
{
    @Test
    void aDataFolderLeftReadableByOthersIsMadeOwnerOnlyWithItsSecretFiles(@TempDir Path parent)
            throws Exception
    {
        Path dataDir = Files.createDirectory(parent.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        // an empty file is an empty SQLite database: the server migrates it in place
        Path database = Files.createFile(dataDir.resolve("emrys.db"));
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));

        try (TestingEmrys emrys = new TestingEmrys(TestingClock.followingSystemTime(), config -> config.withDataDir(dataDir))) {
            emrys.serverlessClient().listApplications(request -> {});

            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(dataDir.resolve("emrys.db-wal")).exists();
            for (String file : new String[] {"emrys.db", "emrys.db-wal", "emrys.db-shm", "aws/credentials", "aws/config"}) {
                assertThat(mode(dataDir.resolve(file))).as(file).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void aNewDataFolderIsOwnerOnlyFromTheStart(@TempDir Path parent)
            throws Exception
    {
        Path dataDir = parent.resolve("new").resolve("data");

        try (TestingEmrys emrys = new TestingEmrys(TestingClock.followingSystemTime(), config -> config.withDataDir(dataDir))) {
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("emrys.db"))).isEqualTo("rw-------");
        }
    }

    private static String mode(Path path)
            throws Exception
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
