package io.sheetsync.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenFileTest {

    @Test
    void a_generated_token_lands_in_an_owner_only_file_under_the_data_directory(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");

        Path file = AdminTokenFile.write(dataDir, "first-generated-token-0123456789");
        Path again = AdminTokenFile.write(dataDir, "second-generated-token-012345678");

        assertThat(again).isEqualTo(file).isEqualTo(dataDir.resolve("admin-token"));
        assertThat(Files.readString(file).trim()).isEqualTo("second-generated-token-012345678");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
