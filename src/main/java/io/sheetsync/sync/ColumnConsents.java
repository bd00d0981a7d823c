package io.sheetsync.sync;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Where the column guard finds the consents operators gave (the acknowledged column_vanished alerts). */
@FunctionalInterface
public interface ColumnConsents {

    /**
     * The consents given for refusals made by runs that started at or after {@code since} (the end of the last
     * completed run): an older acknowledgement was for a sheet that has been synced in full since.
     */
    List<ColumnConsent> since(Instant since) throws SQLException;
}
