package io.sheetsync.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Who may connect to the embedded PostgreSQL: its superuser with the password of {@link EmbeddedPassword}, over
 * loopback or the server's socket, and nobody without it. zonky's initdb writes {@code trust} for every local
 * connection, under which any user of the machine could read and change every seller.
 */
final class EmbeddedAccess {

    private static final String HBA = """
            # Written by sheet-sync at each start of its embedded PostgreSQL: a password for every connection.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private EmbeddedAccess() {
    }

    /** Sets the superuser's password and replaces pg_hba.conf by password authentication, then reloads it. */
    static void requirePassword(EmbeddedPostgres embedded, Path dataDirectory, String password)
            throws SQLException, IOException {
        try (Connection connection = embedded.getPostgresDatabase().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                // ALTER ROLE takes no parameters: the password is hex digits (EmbeddedPassword), quoted as a literal
                statement.execute("ALTER ROLE postgres PASSWORD '" + password.replace("'", "''") + "'");
            }
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.US_ASCII);
            try (PreparedStatement reload = connection.prepareStatement("SELECT pg_reload_conf()")) {
                reload.execute();
            }
        }
    }
}
