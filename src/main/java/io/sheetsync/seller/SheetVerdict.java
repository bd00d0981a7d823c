package io.sheetsync.seller;

import java.util.List;

/** What the parser set aside from one read of the sheet, whether it kept the sellers in memory or staged them. */
public interface SheetVerdict {

    /** Every row not stored, with why, in sheet order. */
    List<RowRejection> rejections();

    /** The rows that failed validation. */
    default List<RowRejection> invalidRows() {
        return rejections().stream().filter(r -> r.kind() == RowRejection.Kind.INVALID).toList();
    }

    /** The rows that lost to another row with the same seller number. */
    default List<RowRejection> duplicates() {
        return rejections().stream().filter(r -> r.kind() == RowRejection.Kind.DUPLICATE_KEY).toList();
    }
}
