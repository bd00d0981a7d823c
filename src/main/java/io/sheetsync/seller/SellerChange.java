package io.sheetsync.seller;

import java.util.List;

/**
 * What a sync would write for one seller of the sheet.
 *
 * @param operation {@code create}, {@code update} (a stored value changes) or {@code move} (only the sheet row the
 *                  seller is stored with changes)
 * @param row       the sheet row (header = row 1)
 * @param fields    for a create its values, else exactly the stored values that would change
 */
public record SellerChange(String sellerNumber, String operation, int row, List<FieldChange> fields) {

    public SellerChange {
        fields = List.copyOf(fields);
    }
}
