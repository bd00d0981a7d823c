package io.sheetsync.seller;

import io.sheetsync.db.BinaryCopy;
import io.sheetsync.db.StorableText;
import io.sheetsync.db.Utf8Buffer;
import io.sheetsync.sheet.RawCells;

import java.util.Map;

/**
 * A row's raw cells as the JSON text the stage takes ({@code sheet_stage.raw}), written straight into the stage's
 * binary COPY as UTF-8: it runs for every row of the sheet, where a JSON generator per row cost a sixth of the intake
 * (JFR), and building the text first then encoding it a fifth (async-profiler). U+0000 is dropped as
 * {@link StorableText} says. One per stage filling, set to each row in turn ({@link #of}).
 */
final class RawJson implements BinaryCopy.Encoded {

    /** Each raw key as it opens its member ({@code "key":}), per sheet layout. */
    private final PerLayout<byte[][]> memberNames = new PerLayout<>(RawJson::memberNames);
    private RawCells cells;

    /** Makes this the JSON of {@code raw}, until the next call. */
    RawJson of(Map<String, String> raw) {
        cells = RawCells.copyOf(raw);
        return this;
    }

    @Override
    public void writeTo(Utf8Buffer value) {
        byte[][] names = memberNames.of(cells);
        value.append('{');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                value.append(',');
            }
            value.appendEncoded(names[i]).appendJsonString(cells.valueAt(i));
        }
        value.append('}');
    }

    private static byte[][] memberNames(RawCells raw) {
        Utf8Buffer name = new Utf8Buffer(64);
        byte[][] names = new byte[raw.size()][];
        for (int i = 0; i < names.length; i++) {
            name.clear();
            names[i] = name.appendJsonString(raw.keyAt(i)).append(':').toByteArray();
        }
        return names;
    }
}
