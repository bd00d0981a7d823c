package io.sheetsync.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The password of the embedded PostgreSQL: generated on the first start, kept in a file only the service's user can
 * read ({@code <data dir>/embedded-postgres.password}, mode 600) and reused on every later start, so the database on
 * disk and the file agree.
 */
final class EmbeddedPassword {

    static final String FILE_NAME = "embedded-postgres.password";

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private EmbeddedPassword() {
    }

    /** The password kept under {@code dataDir}, made (with the directory, owner-only) when there is none yet. */
    static String of(Path dataDir) throws IOException {
        ownerOnlyDirectory(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException raced) {
                // another start made it first: read that one
            }
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
            throw new IOException("the password file " + file + " is empty; delete it only together with "
                    + dataDir.resolve("postgres"));
        }
        return password;
    }

    /** Creates the directory if needed and leaves it readable by the service's user alone. */
    static void ownerOnlyDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
    }
}
