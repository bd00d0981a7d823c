package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ExportCharsetTest {

    private static final String JAPANESE = "売主番号,氏名\nAA10001,髙橋 良子 ①㈱～\n";

    @Test
    void utf8_text_is_read_as_utf8() throws Exception {
        ExportCharset.Decoded decoded = ExportCharset.decode(JAPANESE.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded.text()).isEqualTo(JAPANESE);
        assertThat(decoded.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void the_utf8_byte_order_mark_is_dropped() throws Exception {
        byte[] text = ("\uFEFF" + JAPANESE).getBytes(StandardCharsets.UTF_8);

        assertThat(ExportCharset.decode(text).text()).isEqualTo(JAPANESE);
    }

    @Test
    void shift_jis_as_excel_writes_it_is_read_as_windows_31j() throws Exception {
        ExportCharset.Decoded decoded = ExportCharset.decode(JAPANESE.getBytes(ExportCharset.WINDOWS_31J));

        assertThat(decoded.text()).isEqualTo(JAPANESE);
        assertThat(decoded.charset()).isEqualTo(ExportCharset.WINDOWS_31J);
    }

    @Test
    void plain_ascii_is_read_the_same_either_way() throws Exception {
        assertThat(ExportCharset.decode("seller_number,name\nAA1,Yamada\n".getBytes(StandardCharsets.US_ASCII)).text())
                .isEqualTo("seller_number,name\nAA1,Yamada\n");
    }

    @Test
    void bytes_that_are_neither_utf8_nor_shift_jis_are_refused() {
        byte[] bytes = {'a', ',', (byte) 0x80, (byte) 0xFF, '\n'};

        assertThatThrownBy(() -> ExportCharset.decode(bytes))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("neither UTF-8 nor Shift_JIS");
    }

    @Test
    void a_byte_order_mark_followed_by_invalid_utf8_is_refused_rather_than_guessed() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', (byte) 0x82, (byte) 0xA0};

        assertThatThrownBy(() -> ExportCharset.decode(bytes))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("byte-order mark");
    }

    @Test
    void utf16_text_is_refused_with_its_name() {
        byte[] bytes = "\uFEFFa,b\n".getBytes(StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> ExportCharset.decode(bytes))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("UTF-16");
    }

    @Test
    void binary_content_with_nul_bytes_is_refused() {
        byte[] bytes = "a,b\n".getBytes(StandardCharsets.UTF_16BE);

        assertThatThrownBy(() -> ExportCharset.decode(bytes))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void an_empty_file_decodes_to_empty_text() throws Exception {
        assertThat(ExportCharset.decode(new byte[0]).text()).isEmpty();
    }
}
