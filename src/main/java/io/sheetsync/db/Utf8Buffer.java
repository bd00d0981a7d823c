package io.sheetsync.db;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Text encoded straight into one growing byte array as UTF-8, byte for byte what {@code String.getBytes(UTF_8)}
 * gives (an unpaired surrogate becomes {@code '?'}). Every cell of every row is hashed and copied to the database on
 * each run: writing the bytes once, into a buffer that is reused, spares the intermediate strings, the JDK's
 * worst-case arrays and the driver's own re-encoding that profiling found to be a third of the sheet's intake.
 */
public final class Utf8Buffer {

    // how encode() treats '"', '\\' and the control characters
    private static final int PLAIN = 0;
    private static final int TEXT = 1;
    private static final int CSV = 2;
    private static final int JSON = 3;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private byte[] bytes;
    private int length;
    private char[] chars = new char[256];

    public Utf8Buffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public Utf8Buffer append(char c) {
        ensure(1);
        if (c < 0x80) {
            bytes[length++] = (byte) c;
            return this;
        }
        return append(String.valueOf(c), 0, 1);
    }

    public Utf8Buffer append(CharSequence text) {
        return append(text, 0, text.length());
    }

    /** Appends the characters {@code from} (inclusive) to {@code to} (exclusive) of {@code text}. */
    public Utf8Buffer append(CharSequence text, int from, int to) {
        encode(copied(text, from, to), to - from, PLAIN);
        return this;
    }

    /**
     * Appends {@code text} as the inside of a quoted CSV value: every {@code "} doubled and every U+0000 dropped (see
     * {@link StorableText}), in the same single pass as the encoding.
     */
    public Utf8Buffer appendCsvQuoted(CharSequence text) {
        int count = text.length();
        encode(copied(text, 0, count), count, CSV);
        return this;
    }

    /**
     * Appends {@code text} as a text value PostgreSQL stores: every U+0000 dropped (see {@link StorableText}), nothing
     * else changed.
     */
    public Utf8Buffer appendText(CharSequence text) {
        int count = text.length();
        encode(copied(text, 0, count), count, TEXT);
        return this;
    }

    /**
     * Appends {@code text} as a JSON string, quotes included: JSON's escapes for {@code "}, {@code \} and the other
     * control characters, U+0000 dropped (see {@link StorableText}), in the same single pass as the encoding.
     */
    public Utf8Buffer appendJsonString(CharSequence text) {
        int count = text.length();
        ensure(1);
        bytes[length++] = '"';
        encode(copied(text, 0, count), count, JSON);
        ensure(1);
        bytes[length++] = '"';
        return this;
    }

    /** The characters, copied into the reused array. */
    private char[] copied(CharSequence text, int from, int to) {
        int count = to - from;
        if (chars.length < count) {
            chars = new char[Math.max(count, chars.length * 2)];
        }
        // one bulk copy, then a loop over a plain array: charAt through the interface cost more than the encoding
        if (text instanceof String string) {
            string.getChars(from, to, chars, 0);
        } else if (text instanceof StringBuilder builder) {
            builder.getChars(from, to, chars, 0);
        } else {
            for (int i = 0; i < count; i++) {
                chars[i] = text.charAt(from + i);
            }
        }
        return chars;
    }

    private void encode(char[] text, int count, int escapes) {
        // a UTF-16 unit never takes more than three bytes (a pair takes four for two), '""' two, '\\u001f' six
        ensure(count * (escapes == JSON ? 6 : 3));
        byte[] out = bytes;
        int at = length;
        for (int i = 0; i < count; i++) {
            char c = text[i];
            if (c < 0x80) {
                if (escapes != PLAIN && (c == '"' || c < 0x20 || c == '\\')) {
                    if (c == 0) {
                        continue;
                    }
                    if (escapes == JSON) {
                        at = jsonEscape(out, at, c);
                        continue;
                    }
                    if (escapes == CSV && c == '"') {
                        out[at++] = '"';
                    }
                }
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < count ? text[i + 1] : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                    int point = Character.toCodePoint(c, low);
                    out[at++] = (byte) (0xF0 | point >> 18);
                    out[at++] = (byte) (0x80 | point >> 12 & 0x3F);
                    out[at++] = (byte) (0x80 | point >> 6 & 0x3F);
                    out[at++] = (byte) (0x80 | point & 0x3F);
                    i++;
                } else {
                    out[at++] = '?';
                }
            } else {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        length = at;
    }

    /** Writes {@code c} ({@code "}, {@code \\} or a control character) as JSON escapes it. */
    private static int jsonEscape(byte[] out, int at, char c) {
        out[at++] = '\\';
        if (c == '"') {
            out[at++] = '"';
        } else if (c == '\\') {
            out[at++] = '\\';
        } else {
            out[at++] = 'u';
            out[at++] = '0';
            out[at++] = '0';
            out[at++] = (byte) HEX[c >> 4];
            out[at++] = (byte) HEX[c & 0xF];
        }
        return at;
    }

    /**
     * Appends the decimal digits of {@code value}, written in place: the content hash prefixes every field of every row
     * with its length, and a string per number was the most frequent allocation of the sheet's intake.
     */
    public Utf8Buffer append(int value) {
        if (value == Integer.MIN_VALUE) {
            return append(Integer.toString(value)); // its magnitude has no int
        }
        ensure(11);
        int magnitude = value;
        if (value < 0) {
            bytes[length++] = '-';
            magnitude = -value;
        }
        int digits = 1;
        for (int rest = magnitude / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int at = length + digits - 1; at >= length; at--) {
            bytes[at] = (byte) ('0' + magnitude % 10);
            magnitude /= 10;
        }
        length += digits;
        return this;
    }

    /** Appends {@code value} as two bytes, the high one first (network order, as PostgreSQL's binary formats). */
    public Utf8Buffer appendInt16(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
        return this;
    }

    /** Appends {@code value} as four bytes, the high one first. */
    public Utf8Buffer appendInt32(int value) {
        ensure(4);
        writeInt32(length, value);
        length += 4;
        return this;
    }

    /** Appends {@code value} as eight bytes, the high one first. */
    public Utf8Buffer appendInt64(long value) {
        appendInt32((int) (value >>> 32));
        return appendInt32((int) value);
    }

    /**
     * Leaves room for a four-byte length and returns where it is, for {@link #fillLength} once what it measures has
     * been appended.
     */
    public int reserveLength() {
        appendInt32(0);
        return length - 4;
    }

    /** Writes, at {@code at} (from {@link #reserveLength}), the number of bytes appended after it. */
    public void fillLength(int at) {
        writeInt32(at, length - at - 4);
    }

    private void writeInt32(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    /** Appends bytes already encoded (by another buffer's {@link #toByteArray}, say) as they are. */
    public Utf8Buffer appendEncoded(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, length, encoded.length);
        length += encoded.length;
        return this;
    }

    /** Empties the buffer, keeping its capacity. */
    public void clear() {
        length = 0;
    }

    public int length() {
        return length;
    }

    /** Feeds the bytes to {@code digest}. */
    public void digestInto(MessageDigest digest) {
        digest.update(bytes, 0, length);
    }

    /** Where {@link #drainTo} writes the bytes. */
    @FunctionalInterface
    public interface Sink<E extends Exception> {
        void write(byte[] bytes, int offset, int length) throws E;
    }

    /** Writes the bytes to {@code sink} in place, then empties the buffer (keeping its capacity). */
    public <E extends Exception> void drainTo(Sink<E> sink) throws E {
        if (length > 0) {
            sink.write(bytes, 0, length);
        }
        length = 0;
    }

    /** Reads the bytes in place (the buffer must not change while the stream is read). */
    public InputStream stream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
