package io.sheetsync.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a generated admin token is handed over: a file only the service's user can read, under the data directory.
 * Never the log: logs are shipped, kept and read by many.
 */
public final class AdminTokenFile {

    static final String NAME = "admin-token";

    private AdminTokenFile() {
    }

    /** Writes the token (replacing the previous start's) and returns the file's path. */
    public static Path write(Path dataDir, String token) throws IOException {
        boolean posix = dataDir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dataDir)) {
            if (posix) {
                Files.createDirectories(dataDir, only(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dataDir);
            }
        }
        Path file = dataDir.resolve(NAME);
        // created owner-only before the token is in it, then moved over the old one: never readable by others
        Path fresh = dataDir.resolve(NAME + ".new");
        Files.deleteIfExists(fresh);
        try {
            if (posix) {
                Files.createFile(fresh, only(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(fresh);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + fresh, e);
        }
        Files.writeString(fresh, token + "\n", StandardCharsets.UTF_8);
        return Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static FileAttribute<Set<PosixFilePermission>> only(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
