package io.sheetsync.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The seed schema's {@code TIMESTAMP} columns hold UTC: these convert at the JDBC boundary. */
public final class UtcTime {

    private UtcTime() {
    }

    public static LocalDateTime of(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
