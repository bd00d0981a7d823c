package io.sheetsync.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The buffer's bytes are the JDK's UTF-8 bytes of the same text, whatever the text: the content hash depends on it. */
class Utf8BufferTest {

    @Test
    void every_single_utf_16_unit_encodes_as_the_jdk_encodes_it() {
        Utf8Buffer buffer = new Utf8Buffer(1);
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            String text = "a" + (char) c + "b";
            buffer.clear();
            buffer.append(text);
            assertThat(buffer.toByteArray()).as("U+%04X", c).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            all.append((char) c).append('|');
        }
        buffer.clear();
        assertThat(buffer.append(all).toByteArray()).isEqualTo(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pairs_unpaired_surrogates_and_ranges_encode_as_the_jdk_encodes_them() {
        String[] texts = {"😀", "x😀y", "\uD83D", "\uDE00", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "a\uD83D", "山田 太郎"};
        for (String text : texts) {
            Utf8Buffer buffer = new Utf8Buffer(1).append(text);
            assertThat(buffer.toByteArray()).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            assertThat(buffer.length()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
        // a range that ends between the two halves of a pair leaves the high half unpaired
        String pair = "a😀b";
        assertThat(new Utf8Buffer(4).append(pair, 0, 2).toByteArray())
                .isEqualTo(pair.substring(0, 2).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_csv_value_has_its_quotes_doubled_and_nul_dropped_whatever_kind_of_text_holds_it() {
        String text = "\"山\"\u0000 a\"\"b😀\u0000";
        byte[] expected = text.replace("\"", "\"\"").replace("\u0000", "").getBytes(StandardCharsets.UTF_8);

        for (CharSequence holder : new CharSequence[] {text, new StringBuilder(text), java.nio.CharBuffer.wrap(text)}) {
            assertThat(new Utf8Buffer(1).appendCsvQuoted(holder).toByteArray()).as(holder.getClass().getSimpleName())
                    .isEqualTo(expected);
            assertThat(new Utf8Buffer(1).append(holder).toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void numbers_characters_digest_and_stream_carry_the_same_bytes() throws Exception {
        Utf8Buffer buffer = new Utf8Buffer(2).append(-1204).append(':').append('é').append("末尾");
        byte[] expected = "-1204:é末尾".getBytes(StandardCharsets.UTF_8);

        assertThat(buffer.toByteArray()).isEqualTo(expected);
        assertThat(buffer.stream().readAllBytes()).isEqualTo(expected);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        buffer.digestInto(digest);
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
    }

    @Test
    void numbers_are_written_as_integer_to_string_writes_them_and_encoded_bytes_as_they_are() {
        int[] values = {0, 7, 9, 10, 99, 100, -1, -9, -10, -1204, 999_999_999, 1_000_000_000, Integer.MAX_VALUE,
                -Integer.MAX_VALUE, Integer.MIN_VALUE};
        Utf8Buffer buffer = new Utf8Buffer(1);
        StringBuilder expected = new StringBuilder();
        for (int value : values) {
            buffer.append(value).append(',');
            expected.append(value).append(',');
        }
        byte[] encoded = "末尾:".getBytes(StandardCharsets.UTF_8);
        buffer.appendEncoded(encoded).appendEncoded(new byte[0]).append(3);
        expected.append("末尾:3");

        assertThat(buffer.toByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
    }
}
