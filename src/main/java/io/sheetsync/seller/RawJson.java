package io.sheetsync.seller;

import io.sheetsync.db.StorableText;

import java.util.Map;

/** A row's raw cells as the JSON text the stage takes ({@code sheet_stage.raw}). */
final class RawJson {

    private RawJson() {
    }

    /**
     * The raw cells as a JSON object of strings into {@code json}, which is returned; U+0000 is dropped as
     * {@link StorableText} says. Written by hand: it runs for every row of the sheet, and a JSON generator per row cost
     * a sixth of the intake (JFR).
     */
    static StringBuilder write(Map<String, String> raw, StringBuilder json) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> cell : raw.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            jsonString(cell.getKey(), json).append(':');
            jsonString(cell.getValue(), json);
        }
        return json.append('}');
    }

    private static StringBuilder jsonString(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 && c != '\0') {
                json.append(String.format("\\u%04x", (int) c));
            } else if (c != '\0') {
                json.append(c);
            }
        }
        return json.append('"');
    }
}
