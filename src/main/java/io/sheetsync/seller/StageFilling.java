package io.sheetsync.seller;

import io.sheetsync.db.BinaryCopy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A stage being filled (see {@link SheetStage#filling}); closing it unfinished abandons its COPY. */
public final class StageFilling implements AutoCloseable {

    /** The values of a staged row: the columns of {@link SheetStage}'s COPY. */
    static final int COLUMNS = 17;

    private final Connection connection;
    private final long stage;
    private final String copySql;
    // a staged row of Japanese text, its raw cells as JSON included, runs to about 1 KB; the buffer and the JSON
    // writer are reused for every row
    private final BinaryCopy rows = BinaryCopy.rows(2000 * 8);
    private final RawJson raw = new RawJson();
    private BinaryCopy.Open copy;

    StageFilling(Connection connection, long stage, String copySql) {
        this.connection = connection;
        this.stage = stage;
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
            rows.row(COLUMNS).int8(stage).int4(seller.sourceRow()).text(seller.sellerNumber())
                    .text(held ? null : seller.name()).date(held ? null : seller.inquiryDate())
                    .text(held ? null : seller.phone()).text(held ? null : seller.email())
                    .text(held ? null : seller.address()).text(held ? null : seller.status())
                    .text(seller.sourceUpdatedAt() == null ? null : seller.sourceUpdatedAt().toString())
                    .text(seller.contentHash()).text(held ? null : raw.of(seller.raw()))
                    .bool(property != null)
                    .text(property == null ? null : property.address())
                    .text(property == null ? null : property.propertyType())
                    .numeric(property == null ? null : property.landArea())
                    .numeric(property == null ? null : property.buildingArea());
        }
        if (copy == null) {
            copy = BinaryCopy.open(connection, copySql);
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
}
