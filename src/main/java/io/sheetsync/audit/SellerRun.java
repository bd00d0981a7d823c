package io.sheetsync.audit;

import java.util.List;

/** One run that touched a seller: the run, and what it logged for that seller. */
public record SellerRun(AuditLog run, List<RecordLog> records, List<ErrorLog> errors) {

    public SellerRun {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
    }
}
