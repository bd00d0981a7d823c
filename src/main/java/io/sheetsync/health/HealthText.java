package io.sheetsync.health;

/** Makes text safe for a health answer: one short line, no quotes or backslashes to upset a JSON writer. */
final class HealthText {

    private static final int MAX_LENGTH = 300;

    private HealthText() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replace('"', '\'').replace('\\', '/').replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH - 3) + "..." : line;
    }
}
