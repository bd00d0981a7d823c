package io.sheetsync.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh, empty database per test class on whatever PostgreSQL this machine offers: SYNC_TEST_DB_URL if set (a URL
 * of a database the tests may create databases from), else the local server on 127.0.0.1:5432 if it answers, else an
 * embedded PostgreSQL started once per JVM.
 *
 * <p>Setup and reads go through a small pool of its own ({@link #pooled()}): a new PostgreSQL session costs about
 * 18 ms of server CPU on these 2-core machines, and the property tests used to open several per generated case.
 */
public final class TestDatabase implements AutoCloseable {

    private static Server server;

    private final String name;
    private final String url;
    private HikariDataSource helpers;

    private TestDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /** Creates a new database named after the test class. */
    public static TestDatabase create(Class<?> owner) {
        Server admin = server();
        String name = ("t_" + owner.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        admin.execute("CREATE DATABASE " + name);
        return new TestDatabase(name, admin.urlOf(name));
    }

    public String url() {
        return url;
    }

    public String user() {
        return server().user;
    }

    /** A session of its own, for what lives with a session (locks, SET, a held transaction): closing it ends it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, server().user, server().password);
    }

    /**
     * A connection of the test's pool, for setup and reads; closing it gives it back (rolled back, auto-commit on).
     * Never for session state: use {@link #connect()}. Its sessions are not the service's ({@code application_name}
     * differs), so faults aimed at the service's sessions leave them alone.
     */
    public synchronized Connection pooled() throws SQLException {
        if (helpers == null) {
            helpers = pool("test-helpers-" + name, url, server().user, server().password);
        }
        return helpers.getConnection();
    }

    /** The service's own pool on this database, migrated: for tests of repositories without the whole service. */
    public Database open() {
        return Database.open(SyncConfig.load(Map.of("SYNC_DB_URL", url, "SYNC_DB_USER", user()), new Properties()));
    }

    /**
     * Lets clients connect to this database again, or refuses them and ends every open connection: the database
     * going away under the service, as an outage would.
     */
    public void allowConnections(boolean allowed) {
        server().execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS " + allowed);
        if (!allowed) {
            evictHelpers();
            server().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
    }

    /** Runs SQL against this test's database (setup and assertions only). */
    public void execute(String sql) {
        try (Connection connection = pooled(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + sql, e);
        }
    }

    /** The name of this test's database. */
    public String name() {
        return name;
    }

    /** Runs SQL on the server's maintenance database (e.g. ALTER DATABASE on this one while it refuses connections). */
    public void executeAsAdmin(String sql) {
        server().execute(sql);
    }

    /** The first column of every row a query answers, as text. */
    public List<String> query(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = pooled(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + sql, e);
        }
        return values;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (helpers != null) {
                helpers.close();
                helpers = null;
            }
        }
        server().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The pool's sessions are about to be ended: none is handed out again (a new one is opened when allowed). */
    private synchronized void evictHelpers() {
        if (helpers != null) {
            helpers.getHikariPoolMXBean().softEvictConnections();
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            server = locate();
        }
        return server;
    }

    private static Server locate() {
        String configured = System.getenv("SYNC_TEST_DB_URL");
        if (configured != null && !configured.isBlank()) {
            return new Server(configured, env("SYNC_TEST_DB_USER", "postgres"), env("SYNC_TEST_DB_PASSWORD", ""));
        }
        Server local = new Server("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        if (local.answers()) {
            return local;
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away either way
                }
            }));
            return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL for the tests: set SYNC_TEST_DB_URL, start one on "
                    + "127.0.0.1:5432, or allow the embedded one to start", e);
        }
    }

    private static String env(String key, String defaultValue) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    /** A PostgreSQL server reached through its maintenance database. */
    private static final class Server {

        private final String adminUrl;
        private final String user;
        private final String password;
        private HikariDataSource admin;

        Server(String adminUrl, String user, String password) {
            this.adminUrl = adminUrl;
            this.user = user;
            this.password = password;
        }

        boolean answers() {
            try (Connection ignored = DriverManager.getConnection(adminUrl + "?connectTimeout=2", user, password)) {
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        void execute(String sql) {
            try (Connection connection = admin().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("test database setup failed: " + sql, e);
            }
        }

        /** The same server and parameters, another database. */
        String urlOf(String database) {
            int query = adminUrl.indexOf('?');
            String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
            String params = query < 0 ? "" : adminUrl.substring(query);
            return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
        }

        private synchronized HikariDataSource admin() {
            if (admin == null) {
                admin = pool("test-admin", adminUrl, user, password);
            }
            return admin;
        }
    }

    /** A small pool that opens sessions only when asked and lets idle ones go after 10 s. */
    private static HikariDataSource pool(String name, String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setIdleTimeout(10_000);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
