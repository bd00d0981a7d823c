package io.sheetsync.seller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The raw cells a stage row carries as JSON text, written by hand for speed, read back by a real JSON parser. */
class RawJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_cell_comes_back_as_it_was_in_order_without_nul() throws Exception {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("売主番号", "AA1");
        raw.put("quote \" and backslash \\", "a\\\"b\"");
        raw.put("controls", "tab\there\nnew line\r\u0001\u001f\b\f end");
        raw.put("nul", "be\u0000fore");
        raw.put("emoji 😀", "😀 ok / slash");
        raw.put("", "");

        String text = RawJson.write(raw, new StringBuilder("kept ")).substring("kept ".length());
        Map<String, String> read = JSON.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });

        Map<String, String> expected = new LinkedHashMap<>(raw);
        expected.put("nul", "before");
        assertThat(read).containsExactlyEntriesOf(expected);
        assertThat(text).doesNotContain("\u0000").doesNotContain("\n").doesNotContain("\t");
    }
}
