package io.emrys.testing;

import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/**
 * A database file as an older control plane left it: migrated only up to {@code version}, so that a test can write
 * rows in the old shape and then open it with {@link io.emrys.store.Database#openSqlite}, which migrates the rest.
 */
public final class LegacyDatabases
{
    private LegacyDatabases() {}

    public static void migrateTo(Path file, String version)
    {
        Flyway.configure()
                .dataSource("jdbc:sqlite:" + file.toAbsolutePath(), null, null)
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }
}
