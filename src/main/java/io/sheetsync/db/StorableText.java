package io.sheetsync.db;

/**
 * PostgreSQL text, varchar and jsonb cannot hold U+0000. A sheet cell or an error message may carry one, and it means
 * nothing there; dropping it keeps one stray character from failing a whole batch or losing an error log.
 */
public final class StorableText {

    private StorableText() {
    }

    public static String of(String value) {
        return value == null || value.indexOf('\0') < 0 ? value : value.replace("\0", "");
    }
}
