package io.sheetsync.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sheetsync.config.SyncConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL the service writes to: a HikariCP pool over SYNC_DB_URL, or over an embedded PostgreSQL kept under
 * {@code <data dir>/postgres} when no URL is configured, so a fresh machine runs with no setup. Migrated on open.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(HikariDataSource pool, EmbeddedPostgres embedded) {
        this.pool = pool;
        this.embedded = embedded;
    }

    /**
     * Drops the pool's connections: the idle ones at once, those in use when they are returned. After PostgreSQL ended
     * every session (a restart), the idle ones are all dead, and the pool would hand them out one by one.
     */
    public static void dropConnections(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** Opens the pool (starting the embedded server first when needed) and applies the Flyway migrations. */
    public static Database open(SyncConfig config) {
        SyncConfig.Database settings = config.database();
        EmbeddedPostgres embedded = null;
        String url = settings.url();
        String user = settings.user();
        String password = settings.password();
        if (settings.embedded()) {
            password = embeddedPassword(config.dataDir());
            embedded = startEmbedded(config.dataDir().resolve("postgres"), password);
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("sheet-sync");
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(10);
        // SYNC_DB_TIMEOUT_SECONDS: how long a caller waits for a connection, also while the database is down
        long timeoutMillis = config.recovery().dbTimeoutSeconds() * 1000L;
        hikari.setConnectionTimeout(timeoutMillis);
        hikari.setInitializationFailTimeout(timeoutMillis);
        // Multi-row inserts for JDBC batches (audit rows) are 2-3x faster than plain batches.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", "sheet-sync");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            if (embedded != null) {
                closeQuietly(embedded);
            }
            throw new DatabaseUnavailableException("cannot connect to the database at " + safeUrl(url)
                    + ": " + rootMessage(e) + " (check SYNC_DB_URL, SYNC_DB_USER, SYNC_DB_PASSWORD)", e);
        }
        Database database = new Database(pool, embedded);
        try {
            Migrations.apply(pool);
        } catch (RuntimeException e) {
            database.close();
            throw new DatabaseUnavailableException("database migration failed: " + rootMessage(e), e);
        }
        LOG.info("database ready at {}{}", safeUrl(url), embedded != null ? " (embedded, data in " + config.dataDir() + ")" : "");
        return database;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Closes the pool (and stops the embedded PostgreSQL); closing again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pool.close();
        if (embedded != null) {
            closeQuietly(embedded);
        }
    }

    private static String embeddedPassword(Path dataDir) {
        try {
            return EmbeddedPassword.of(dataDir);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot keep the embedded PostgreSQL's password in " + dataDir
                    + ": " + rootMessage(e) + " (or set SYNC_DB_URL to use your own PostgreSQL)", e);
        }
    }

    /**
     * Starts the embedded server fit for real data: zonky's test defaults (fsync off, no synchronous commit, trust
     * for every local user) are replaced by durable writes and password authentication, set on each start so a data
     * directory made by an older version is brought up to date.
     */
    private static EmbeddedPostgres startEmbedded(Path dataDirectory, String password) {
        EmbeddedPostgres embedded = null;
        try {
            EmbeddedPassword.ownerOnlyDirectory(dataDirectory);
            embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password)
                    .start();
            EmbeddedAccess.requirePassword(embedded, dataDirectory, password);
            return embedded;
        } catch (IOException | java.sql.SQLException e) {
            if (embedded != null) {
                closeQuietly(embedded);
            }
            throw new DatabaseUnavailableException("cannot start the embedded PostgreSQL in " + dataDirectory
                    + ": " + rootMessage(e) + " (or set SYNC_DB_URL to use your own PostgreSQL)", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    /** The URL without any password parameter, for messages. */
    static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

