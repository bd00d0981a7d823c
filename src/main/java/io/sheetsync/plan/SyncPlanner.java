package io.sheetsync.plan;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.FieldChange;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SellerChange;
import io.sheetsync.seller.SheetComparison;
import io.sheetsync.seller.SheetDifference;
import io.sheetsync.seller.SheetDifference.Kind;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.seller.StagedSheet;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetFormatException;
import io.sheetsync.sync.ColumnGuard;
import io.sheetsync.sync.ColumnVanishedException;
import io.sheetsync.sync.RunControl;
import io.sheetsync.sync.RunExchange;
import io.sheetsync.sync.SheetIntakes;
import io.sheetsync.sync.SheetValidation;
import io.sheetsync.sync.StagedRead;
import io.sheetsync.sync.ShrinkGuard;
import io.sheetsync.sync.SourceShrunkException;
import io.sheetsync.sync.SyncCoordinator;
import io.sheetsync.sync.SyncInProgressException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of the plan route (a sync that stops before writing): the run's own parsing, guards and comparison, with
 * the guards collected instead of thrown and the comparison read in one transaction that is rolled back. Writes no
 * row of any table and never holds the sync lock.
 */
public final class SyncPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(SyncPlanner.class);

    private final SyncCoordinator coordinator;
    private final ShrinkGuard shrinkGuard;
    private final ColumnGuard columnGuard;
    private final SheetComparison comparison;
    private final SheetStage stage;
    private final ConfigProvider config;
    private final Clock clock;

    public SyncPlanner(SyncCoordinator coordinator, ShrinkGuard shrinkGuard, ColumnGuard columnGuard,
                       SheetComparison comparison, SheetStage stage, ConfigProvider config, Clock clock) {
        this.coordinator = coordinator;
        this.shrinkGuard = shrinkGuard;
        this.columnGuard = columnGuard;
        this.comparison = comparison;
        this.stage = stage;
        this.config = config;
        this.clock = clock;
    }

    /**
     * First step: refuses while a sync runs (its writes would make the plan stale at once), and gives the fetch a
     * control with the run's time limit.
     *
     * @throws SyncInProgressException when a sync runs here or in another instance
     */
    public void begin(Exchange exchange) throws SyncInProgressException, SQLException {
        coordinator.ensureIdle();
        exchange.setProperty(RunExchange.CONTROL,
                new RunControl(clock.instant().plus(Duration.ofMinutes(config.current().runTimeoutMinutes()))));
    }

    /** Last step: the plan of the fetched sheet (staged by the plan's read) against the database as it is now. */
    public Plan plan(@Body StagedRead read, Exchange exchange) throws SQLException {
        SyncConfig settings = config.current();
        HeaderMapping mapping = SheetValidation.mapping(settings);
        StagedSheet sheet;
        try {
            sheet = read.sheet();
        } catch (SourceShrunkException e) {
            return logged(unreadable("missing_header", e));
        } catch (SheetFormatException e) {
            return logged(unreadable("unusable_header", e));
        }
        // the read's open transaction: the stage, and a snapshot of the database as the read began
        Connection connection = SheetIntakes.of(exchange).planConnection();
        List<Plan.Guard> guards = new ArrayList<>();
        try {
            shrinkGuard.check(sheet, settings);
        } catch (SourceShrunkException e) {
            guards.add(new Plan.Guard("shrink", e.getMessage()));
        }
        try {
            columnGuard.check(sheet, connection);
        } catch (ColumnVanishedException e) {
            guards.add(new Plan.Guard("vanished_column", e.getMessage()));
        }
        return logged(compared(sheet, connection, mapping, guards));
    }

    private Plan compared(StagedSheet sheet, Connection connection, HeaderMapping mapping, List<Plan.Guard> guards)
            throws SQLException {
        SheetDifference difference = comparison.compare(connection, sheet.stageId());
        int orphans = comparison.orphans(connection, sheet.stageId());
        List<String> listed = listed(difference);
        Map<String, Seller> staged = new HashMap<>();
        stage.sellers(connection, sheet.stageId(), listed).forEach(seller -> staged.put(seller.sellerNumber(), seller));
        List<Seller> sellers = listed.stream().map(staged::get).toList();
        Map<String, List<FieldChange>> fields = comparison.fieldChanges(connection, sellers, mapping);
        List<SellerChange> changes = new ArrayList<>(sellers.size());
        for (Seller seller : sellers) {
            changes.add(new SellerChange(seller.sellerNumber(),
                    operation(difference.differing().get(seller.sellerNumber())), seller.sourceRow(),
                    fields.get(seller.sellerNumber())));
        }
        int create = difference.count(Kind.CREATE);
        int update = difference.count(Kind.UPDATE, Kind.PROPERTY);
        int moved = difference.count(Kind.MOVE);
        Plan.Counts counts = new Plan.Counts(create, update, sheet.sellerCount() - create - update - moved,
                sheet.invalidRows().size(), sheet.duplicates().size(), orphans, moved,
                difference.count(Kind.DATABASE_NEWER));
        return new Plan(clock.instant(), guards.isEmpty() && !counts.writes(), counts, guards, changes,
                create + update + moved > changes.size());
    }

    /**
     * The sellers whose changes a plan lists: creates and updates by sheet row, then moves, at most MAX_CHANGES (the
     * difference is in sheet order).
     */
    private static List<String> listed(SheetDifference difference) {
        List<String> listed = new ArrayList<>();
        List<String> moves = new ArrayList<>();
        difference.differing().forEach((key, kind) -> {
            if (kind == Kind.MOVE) {
                moves.add(key);
            } else if (kind != Kind.DATABASE_NEWER) {
                listed.add(key);
            }
        });
        listed.addAll(moves);
        return listed.size() > Plan.MAX_CHANGES ? List.copyOf(listed.subList(0, Plan.MAX_CHANGES)) : listed;
    }

    private static String operation(Kind kind) {
        return switch (kind) {
            case CREATE -> "create";
            case UPDATE, PROPERTY -> "update";
            case MOVE -> "move";
            case DATABASE_NEWER -> throw new IllegalArgumentException("a newer database version is not a change");
        };
    }

    /** A sheet whose header stops the run before any row is read: no change can be known. */
    private Plan unreadable(String guard, RuntimeException refusal) {
        return new Plan(clock.instant(), false, new Plan.Counts(0, 0, 0, 0, 0, 0, 0, 0),
                List.of(new Plan.Guard(guard, refusal.getMessage())), List.of(), false);
    }

    private static Plan logged(Plan plan) {
        Plan.Counts counts = plan.counts();
        LOG.info("plan: {} to create, {} to update, {} moved, {} unchanged ({} kept as newer in the database), {}"
                        + " invalid, {} duplicates, {} orphans; guards {}; {}", counts.create(), counts.update(),
                counts.moved(), counts.unchanged(), counts.databaseNewer(), counts.invalid(), counts.duplicates(),
                counts.orphans(), plan.guards().stream().map(Plan.Guard::guard).toList(),
                plan.inStep() ? "in step" : "a sync would change something or is stopped by a guard");
        return plan;
    }
}
