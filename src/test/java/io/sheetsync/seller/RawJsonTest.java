package io.sheetsync.seller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.db.Utf8Buffer;
import io.sheetsync.sheet.ColumnLayout;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetRow;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The raw cells a stage row carries as JSON text, written by hand straight into the stage's binary COPY for speed,
 * read back by a real JSON parser.
 */
class RawJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_cell_comes_back_as_it_was_in_order_without_nul() throws Exception {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("売主番号", "AA1");
        raw.put("quote \" and backslash \\", "a\\\"b\"");
        raw.put("controls", "tab\there\nnew line\r\u0001\u001f\b\f end");
        raw.put("nul", "be\u0000fore");
        raw.put("emoji 😀", "😀 ok / slash, comma");
        raw.put("", "");

        String text = staged(new RawJson(), raw);

        Map<String, String> expected = new LinkedHashMap<>(raw);
        expected.put("nul", "before");
        assertThat(JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { }))
                .containsExactlyEntriesOf(expected);
        assertThat(text).doesNotContain("\u0000").doesNotContain("\n").doesNotContain("\t");
    }

    /** The member names are written once per sheet layout: rows of two layouts in turn each carry their own keys. */
    @Test
    void rows_of_two_sheet_layouts_in_turn_each_carry_their_own_keys() throws Exception {
        ColumnLayout notes = HeaderMapping.builtIn().resolve(List.of("売主番号", "氏名", "反響日", "備考 \"引用\""));
        ColumnLayout memo = HeaderMapping.builtIn().resolve(List.of("売主番号", "氏名", "反響日", "メモ欄"));
        RawJson json = new RawJson();
        for (ColumnLayout layout : List.of(notes, notes, memo, notes, memo)) {
            Map<String, String> raw = layout.raw(new SheetRow(2, List.of("AA7", "山田", "2024-02-29", "値 \\ \"")));

            assertThat(JSON.readValue(staged(json, raw), new TypeReference<LinkedHashMap<String, String>>() { }))
                    .containsExactlyEntriesOf(raw);
        }
    }

    /** The JSON as the server reads it from the COPY: the bytes of one text value. */
    private static String staged(RawJson json, Map<String, String> raw) {
        Utf8Buffer value = new Utf8Buffer(16);
        json.of(raw).writeTo(value);
        return new String(value.toByteArray(), StandardCharsets.UTF_8);
    }
}
