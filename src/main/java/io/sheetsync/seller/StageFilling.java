package io.sheetsync.seller;

import io.sheetsync.db.CsvCopy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A stage being filled (see {@link SheetStage#filling}); closing it unfinished abandons its COPY. */
public final class StageFilling implements AutoCloseable {

    private final Connection connection;
    private final String stageId;
    private final String copySql;
    // a staged row of Japanese text, its raw cells as JSON included, runs to about 1 KB; the buffer and the JSON
    // writer are reused for every row
    private final CsvCopy rows = CsvCopy.rows(2000 * 8);
    private final RawJson raw = new RawJson();
    private CsvCopy.Open copy;

    StageFilling(Connection connection, long stage, String copySql) {
        this.connection = connection;
        this.stageId = Long.toString(stage);
        this.copySql = copySql;
    }

    /**
     * Sends these sellers to the stage. A seller whose content hash is {@code stored} (held) is staged without its
     * fields name to status and without its raw cells (NULL): the database holds that very content, so no write
     * reads them and the stage's reads take them from the stored row; a run that changes nothing stages little more
     * than keys and hashes. Should the stored row change before the batches (a hand edit), the merge leaves such a
     * row unwritten and says so.
     */
    public void append(List<Seller> sellers, StoredHashes stored) throws SQLException {
        if (sellers.isEmpty()) {
            return;
        }
        for (Seller seller : sellers) {
            Property property = seller.property();
            boolean held = stored.holds(seller.contentHash());
            rows.add(stageId, Integer.toString(seller.sourceRow()), seller.sellerNumber(), held ? null : seller.name(),
                    held ? null : seller.inquiryDate().toString(), held ? null : seller.phone(),
                    held ? null : seller.email(), held ? null : seller.address(), held ? null : seller.status(),
                    seller.sourceUpdatedAt() == null ? null : seller.sourceUpdatedAt().toString(),
                    seller.contentHash(), held ? null : raw.of(seller.raw()),
                    property == null ? "f" : "t",
                    property == null ? null : property.address(),
                    property == null ? null : property.propertyType(),
                    property == null ? null : plain(property.landArea()),
                    property == null ? null : plain(property.buildingArea()));
        }
        if (copy == null) {
            copy = CsvCopy.open(connection, copySql);
        }
        copy.send(rows);
    }

    /** Waits until the server has stored every seller sent. */
    public void finish() throws SQLException {
        if (copy != null) {
            copy.end();
            copy = null;
        }
    }

    @Override
    public void close() {
        if (copy != null) {
            copy.close();
            copy = null;
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
