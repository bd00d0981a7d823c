package io.sheetsync.db;

import io.sheetsync.config.SyncConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL (no SYNC_DB_URL) keeps real data: durable writes, a password, owner-only files. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void the_embedded_database_refuses_a_connection_without_its_password_and_writes_durably() throws Exception {
        SyncConfig config = SyncConfig.load(Map.of("SYNC_DATA_DIR", dataDir.toString()), new Properties());
        Path passwordFile = dataDir.resolve(EmbeddedPassword.FILE_NAME);
        String url;
        String password;
        try (Database database = Database.open(config);
             Connection pooled = database.dataSource().getConnection()) {
            url = pooled.getMetaData().getURL();
            password = Files.readString(passwordFile);
            assertThat(setting(pooled, "fsync")).isEqualTo("on");
            assertThat(setting(pooled, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(pooled, "full_page_writes")).isEqualTo("on");

            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", ""))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Connection withPassword = DriverManager.getConnection(url, "postgres", password)) {
                assertThat(withPassword.isValid(2)).isTrue();
            }
        }

        assertThat(password).matches("[0-9a-f]{48}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("postgres"))))
                .isEqualTo("rwx------");

        // a restart reuses the password kept on disk, and the data
        try (Database again = Database.open(config);
             Connection pooled = again.dataSource().getConnection();
             ResultSet migrations = pooled.createStatement().executeQuery(
                     "SELECT count(*) FROM flyway_schema_history")) {
            migrations.next();
            assertThat(migrations.getInt(1)).isPositive();
        }
        assertThat(Files.readString(passwordFile)).isEqualTo(password);
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (ResultSet result = connection.createStatement().executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
