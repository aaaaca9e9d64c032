package io.emrys.store;

import io.emrys.common.OwnerOnlyFiles;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded database: one SQLite file in the data folder, migrated by Flyway at startup.
 *
 * <p>WAL journaling lets readers run beside the single writer, and {@code synchronous=FULL} makes every
 * committed transition survive a kill -9 of the control plane (the restart test depends on it).
 */
public final class Database
{
    private final Jdbi jdbi;

    private Database(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    public static Database openSqlite(Path file)
    {
        requireNonNull(file, "file is null");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // SQLite gives its -wal and -shm files the database file's mode, so all three are owner-only from creation
            OwnerOnlyFiles.privateFile(file);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path companion = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(companion)) {
                    OwnerOnlyFiles.privateFile(companion);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Flyway.configure()
                .dataSource(sqlite)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // A few pooled connections: opening a SQLite connection per call (pragmas, statement preparation) cost
        // about a third of a read's CPU. WAL lets the readers run beside the one writer.
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        pool.setPoolName("emrys-sqlite");
        return new Database(Jdbi.create(new HikariDataSource(pool)));
    }

    public Jdbi jdbi()
    {
        return jdbi;
    }
}
