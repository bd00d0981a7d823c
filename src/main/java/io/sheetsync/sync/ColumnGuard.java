package io.sheetsync.sync;

import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.RunHistory;
import io.sheetsync.recovery.RecoveryAction;
import io.sheetsync.recovery.RecoveryLog;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.seller.SellerRepository;
import io.sheetsync.seller.SheetColumns;
import io.sheetsync.sheet.SheetField;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The vanished-column guard: a sheet that lost a mapped column the last completed run had is refused before anything
 * is written, unless an operator accepted exactly that loss by acknowledging the column_vanished alert that named it.
 * A column is lost when no header maps to its field any more (renamed or deleted), or when every valid row is blank in
 * it where that run had values and a seller in the sheet has a stored value the run would clear (rows merely removed
 * from the sheet clear nothing: their sellers stay in the database as orphans).
 */
public final class ColumnGuard {

    /** A lost column a run goes ahead with, and the consent that lets it. */
    public record Accepted(ColumnChange change, ColumnConsent consent) {
    }

    private final RunHistory history;
    private final SellerRepository sellers;
    private final DataSource dataSource;
    private final ColumnConsents consents;
    private final RecoveryLog recovery;
    private final Clock clock;

    public ColumnGuard(RunHistory history, SellerRepository sellers, DataSource dataSource, ColumnConsents consents,
                       RecoveryLog recovery, Clock clock) {
        this.history = history;
        this.sellers = sellers;
        this.dataSource = dataSource;
        this.consents = consents;
        this.recovery = recovery;
        this.clock = clock;
    }

    /**
     * Compares the sheet's columns with the last completed run's; writes nothing. No guard on the first run, nor
     * after a completed run that recorded no columns (one from before this guard existed).
     *
     * @return the lost columns an operator accepted; empty when no column was lost
     * @throws ColumnVanishedException naming every lost column nobody accepted
     */
    public List<Accepted> check(StagedSheet parsed) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return check(parsed, connection);
        }
    }

    /**
     * {@link #check(StagedSheet)} on the caller's connection: a plan's, whose stage only its own transaction sees.
     */
    public List<Accepted> check(StagedSheet parsed, Connection connection) throws SQLException {
        Optional<AuditLog> last = history.lastCompleted();
        Optional<SheetColumns> before = last.isEmpty() ? Optional.empty() : history.sheetColumns(last.get().id());
        if (before.isEmpty()) {
            return List.of();
        }
        List<ColumnChange> lost = clearing(changes(before.get(), parsed.columns()), parsed.stageId(), connection);
        if (lost.isEmpty()) {
            return List.of();
        }
        List<ColumnConsent> given = consents.since(last.get().endTime());
        List<Accepted> accepted = new ArrayList<>();
        List<ColumnChange> refused = new ArrayList<>();
        for (ColumnChange change : lost) {
            given.stream().filter(consent -> consent.fields().contains(change.field())).findFirst()
                    .ifPresentOrElse(consent -> accepted.add(new Accepted(change, consent)), () -> refused.add(change));
        }
        if (!refused.isEmpty()) {
            throw new ColumnVanishedException(refused);
        }
        return accepted;
    }

    /** Records, as the run's recovery actions (each a WARN line), the lost columns it goes ahead with, and who agreed. */
    void recordAccepted(SyncRun run, List<Accepted> accepted) {
        Instant now = clock.instant();
        recovery.record(run.id(), accepted.stream().map(one -> RecoveryAction.of(
                RecoveryAction.Kind.COLUMN_REMOVAL_ACCEPTED, one.change().describe() + "; accepted because "
                        + one.consent().acknowledgedBy() + " acknowledged alert " + one.consent().alertId()
                        + ": " + one.change().field().id() + " is blanked for every seller", now)).toList());
    }

    /** The changes without the emptied columns that would clear no stored value of the staged sellers. */
    private List<ColumnChange> clearing(List<ColumnChange> changes, long stage, Connection connection)
            throws SQLException {
        Set<SheetField> emptied = EnumSet.noneOf(SheetField.class);
        changes.stream().filter(change -> change.kind() == ColumnChange.Kind.EMPTIED)
                .forEach(change -> emptied.add(change.field()));
        if (emptied.isEmpty()) {
            return changes;
        }
        Set<SheetField> stored = sellers.fieldsStoredFor(connection, emptied, stage);
        return changes.stream()
                .filter(change -> change.kind() != ColumnChange.Kind.EMPTIED || stored.contains(change.field()))
                .toList();
    }

    /** The columns {@code before} had that {@code now} lost (vanished, or emptied of values), in field order. */
    static List<ColumnChange> changes(SheetColumns before, SheetColumns now) {
        List<ColumnChange> lost = new ArrayList<>();
        for (SheetField field : before.headers().keySet()) {
            if (!now.has(field)) {
                lost.add(new ColumnChange(field, before.header(field), ColumnChange.Kind.VANISHED));
            } else if (before.isFilled(field) && !now.isFilled(field)) {
                lost.add(new ColumnChange(field, now.header(field), ColumnChange.Kind.EMPTIED));
            }
        }
        return lost;
    }
}
