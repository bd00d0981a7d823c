package io.sheetsync.seller;

import java.util.List;
import java.util.Objects;

/**
 * The parser's verdict on one fetch: the sellers to store (one per key), and every row it set aside with the reason.
 *
 * @param validRowCount rows that passed validation, duplicates included (the shrink guard compares this)
 * @param blankRows     rows ignored because every cell was empty
 * @param columns       the mapped columns the sheet has, and which hold values (the column guard compares these)
 */
public record ParsedSheet(List<Seller> sellers, List<RowRejection> rejections, int validRowCount, int blankRows,
                          SheetColumns columns) implements SheetVerdict {

    public ParsedSheet {
        sellers = List.copyOf(sellers);
        rejections = List.copyOf(rejections);
        Objects.requireNonNull(columns, "columns");
    }
}
