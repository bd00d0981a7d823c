package io.sheetsync.seller;

import io.sheetsync.sheet.Cells;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads land and building areas: square metres, with optional thousands commas and a ㎡, m² or m2 suffix. */
public final class Areas {

    // After NFKC both ㎡ and m² read "m2". Digits are ASCII only: NFKC has already folded the full-width ones.
    private static final Pattern AREA = Pattern.compile("(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?\\s*(?:[mM]2)?");

    private Areas() {
    }

    /**
     * The area of a non-blank cell.
     *
     * @throws InvalidCellException for anything but a plain non-negative number with an optional unit, e.g. for
     *                              {@code 約100} or {@code 100坪}
     */
    public static BigDecimal parse(String cell) {
        Matcher matcher = AREA.matcher(Cells.strip(Cells.nfkc(cell)));
        if (!matcher.matches()) {
            throw new InvalidCellException("is not an area (expected square metres such as 1,234.5, optionally followed"
                    + " by ㎡ or m2)");
        }
        String fraction = matcher.group(2) == null ? "" : matcher.group(2);
        return new BigDecimal(matcher.group(1).replace(",", "") + fraction);
    }
}
