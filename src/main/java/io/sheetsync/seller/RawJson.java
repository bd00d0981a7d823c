package io.sheetsync.seller;

import io.sheetsync.db.StorableText;
import io.sheetsync.sheet.RawCells;

import java.util.Map;

/** A row's raw cells as the JSON text the stage takes ({@code sheet_stage.raw}). */
final class RawJson {

    /** The raw keys' member names, made once per sheet layout (see {@link PerLayout}), per thread. */
    private static final ThreadLocal<PerLayout<String[]>> KEYS =
            ThreadLocal.withInitial(() -> new PerLayout<>(RawJson::memberNames));

    private RawJson() {
    }

    /**
     * The raw cells as a JSON object of strings into {@code json}, which is returned; U+0000 is dropped as
     * {@link StorableText} says. Written by hand: it runs for every row of the sheet, and a JSON generator per row cost
     * a sixth of the intake (JFR).
     */
    static StringBuilder write(Map<String, String> raw, StringBuilder json) {
        RawCells cells = RawCells.copyOf(raw);
        String[] keys = KEYS.get().of(cells);
        json.append('{');
        for (int i = 0; i < keys.length; i++) {
            jsonString(cells.valueAt(i), json.append(i == 0 ? "" : ",").append(keys[i]));
        }
        return json.append('}');
    }

    /** Each raw key as it opens its member: {@code "key":}. */
    private static String[] memberNames(RawCells raw) {
        String[] names = new String[raw.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = jsonString(raw.keyAt(i), new StringBuilder()).append(':').toString();
        }
        return names;
    }

    /** The text as a JSON string; runs without anything to escape are copied whole. */
    private static StringBuilder jsonString(String text, StringBuilder json) {
        json.append('"');
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                json.append(text, copied, i);
                copied = i + 1;
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c != '\0') {
                    json.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return json.append(text, copied, text.length()).append('"');
    }
}
