package io.sheetsync.sheet;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decides how the bytes of a CSV export are encoded and decodes them, never guessing silently.
 *
 * <p>UTF-8 (with or without a byte-order mark) is tried first with a strict decoder; bytes that are not valid UTF-8
 * are decoded, again strictly, as windows-31j, the Shift_JIS variant Excel writes on Japanese Windows (it also covers
 * the NEC and IBM extensions such as ①, ㈱ and 髙). Anything else is refused rather than turned into mojibake.
 */
final class ExportCharset {

    /** windows-31j is what Java calls Microsoft's code page 932; plain "Shift_JIS" lacks characters Excel writes. */
    static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** The decoded text, without byte-order mark, and the charset it was read with. */
    record Decoded(String text, Charset charset) {
    }

    private ExportCharset() {
    }

    static Decoded decode(byte[] bytes) throws ExportFormatException {
        if (startsWith(bytes, UTF8_BOM)) {
            try {
                return checked(new Decoded(strict(StandardCharsets.UTF_8, bytes, UTF8_BOM.length), StandardCharsets.UTF_8));
            } catch (CharacterCodingException e) {
                throw new ExportFormatException(
                        "starts with a UTF-8 byte-order mark but is not valid UTF-8 text", e);
            }
        }
        if (startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xFE}) || startsWith(bytes, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            throw new ExportFormatException("is UTF-16 text (Excel's \"Unicode Text\"), which is not supported");
        }
        try {
            return checked(new Decoded(strict(StandardCharsets.UTF_8, bytes, 0), StandardCharsets.UTF_8));
        } catch (CharacterCodingException notUtf8) {
            try {
                return checked(new Decoded(strict(WINDOWS_31J, bytes, 0), WINDOWS_31J));
            } catch (CharacterCodingException notShiftJis) {
                throw new ExportFormatException("is neither UTF-8 nor Shift_JIS (windows-31j) text", notShiftJis);
            }
        }
    }

    /** A NUL character never occurs in a text export; it means a binary file or UTF-16 without byte-order mark. */
    private static Decoded checked(Decoded decoded) throws ExportFormatException {
        if (decoded.text().indexOf('\0') >= 0) {
            throw new ExportFormatException("contains NUL characters: it is a binary file or UTF-16 text, not a CSV");
        }
        return decoded;
    }

    private static String strict(Charset charset, byte[] bytes, int offset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                .toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
