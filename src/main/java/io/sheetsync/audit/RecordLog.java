package io.sheetsync.audit;

import java.time.Instant;

/** One row of {@code sync_record_logs}: what a run did to one seller. */
public record RecordLog(String sellerNumber, Operation operation, boolean success, String errorMessage,
                        Instant timestamp) {

    /** The operation codes of the seed design; "skip" covers unchanged rows and rows set aside as invalid. */
    public enum Operation {
        CREATE, UPDATE, SKIP;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RecordLog {
        // The column is varchar(50); an invalid row's raw key cell can be any length.
        sellerNumber = sellerNumber.length() > 50 ? sellerNumber.substring(0, 50) : sellerNumber;
    }
}
