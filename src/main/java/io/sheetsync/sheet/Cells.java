package io.sheetsync.sheet;

import java.text.Normalizer;

/** The text rules every cell and header shares: what counts as blank, how text is trimmed, and its NFKC form. */
public final class Cells {

    private Cells() {
    }

    /**
     * Removes leading and trailing whitespace, including the ideographic space (U+3000), no-break spaces and invisible
     * format characters such as a byte-order mark, which spreadsheet exports and copy-paste leave behind.
     */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isInvisible(text.charAt(start))) {
            start++;
        }
        while (end > start && isInvisible(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** True when the text is empty or holds only what {@link #strip} removes. */
    public static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isInvisible(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The NFKC form, which turns full-width letters and digits, ㎡ and ideographic spaces into their plain forms. */
    public static String nfkc(String text) {
        // Most cells are plain ASCII, which NFKC leaves alone: skip the normaliser for them.
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return Normalizer.normalize(text, Normalizer.Form.NFKC);
            }
        }
        return text;
    }

    static boolean isInvisible(char c) {
        if (c > ' ' && c < 0x7f) {
            return false; // printable ASCII: most characters of most cells
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }
}
