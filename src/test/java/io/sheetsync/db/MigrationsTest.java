package io.sheetsync.db;

import io.sheetsync.support.TestDatabase;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start-up check that skips Flyway: it must say "current" exactly when Flyway itself would have nothing to do,
 * and hand every other case to Flyway. The oracle is Flyway's own history, written by Flyway on a real database.
 */
class MigrationsTest {

    private TestDatabase test;
    private Database database;

    @BeforeEach
    void migrate() {
        test = TestDatabase.create(MigrationsTest.class);
        database = test.open(); // an empty database: Flyway migrates it
    }

    @AfterEach
    void drop() {
        database.close();
        test.close();
    }

    @Test
    void the_listed_migrations_are_the_files_in_the_migration_folder_in_version_order() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", Migrations.LOCATION))) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .sorted(Comparator.comparingInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))))
                    .toList();
            assertThat(Migrations.FILES).containsExactlyElementsOf(names);
        }
    }

    @Test
    void a_database_flyway_migrated_is_current_and_its_history_is_the_expected_one() {
        List<String> written = test.query("SELECT version || '|' || description || '|' || type || '|' || script"
                + " || '|' || checksum || '|' || success FROM flyway_schema_history ORDER BY installed_rank");

        assertThat(Migrations.expected()).containsExactlyElementsOf(written);
        assertThat(Migrations.current(database.dataSource())).isTrue();
    }

    @Test
    void a_database_without_a_history_is_not_current() {
        test.execute("DROP TABLE flyway_schema_history");

        assertThat(Migrations.current(database.dataSource())).isFalse();
    }

    @Test
    void a_pending_migration_goes_to_flyway_which_applies_it() {
        test.execute("DELETE FROM flyway_schema_history"
                + " WHERE installed_rank = (SELECT max(installed_rank) FROM flyway_schema_history)");
        assertThat(Migrations.current(database.dataSource())).isFalse();

        Migrations.apply(database.dataSource());

        assertThat(Migrations.current(database.dataSource())).isTrue();
    }

    @Test
    void an_applied_migration_edited_since_goes_to_flyway_which_refuses_it() {
        test.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");
        assertThat(Migrations.current(database.dataSource())).isFalse();

        assertThatThrownBy(() -> Migrations.apply(database.dataSource())).isInstanceOf(FlywayException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void a_failed_migration_goes_to_flyway_which_refuses_it() {
        test.execute("UPDATE flyway_schema_history SET success = false WHERE version = '13'");
        assertThat(Migrations.current(database.dataSource())).isFalse();

        assertThatThrownBy(() -> Migrations.apply(database.dataSource())).isInstanceOf(FlywayException.class);
    }

    /** Pending migrations go in together: one that fails takes the ones before it back with it. */
    @Test
    void an_upgrade_that_fails_half_way_leaves_the_schema_as_it_found_it() {
        test.execute("DELETE FROM flyway_schema_history WHERE version::int >= 13");
        test.execute("ALTER TABLE sheet_stage ALTER COLUMN stage_id SET STATISTICS -1");
        test.execute("ALTER TABLE sheet_stage DROP COLUMN name"); // V13 applies, V14 then fails on it

        assertThatThrownBy(() -> Migrations.apply(database.dataSource())).isInstanceOf(FlywayException.class)
                .hasMessageContaining("name");

        assertThat(test.query("SELECT max(version::int)::text FROM flyway_schema_history WHERE success"))
                .containsExactly("12");
        assertThat(test.query("SELECT attstattarget::text FROM pg_attribute"
                + " WHERE attrelid = 'sheet_stage'::regclass AND attname = 'stage_id'")).containsExactly("-1");
    }
}
