package io.sheetsync.plan;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.FieldChange;
import io.sheetsync.seller.ParsedSheet;
import io.sheetsync.seller.Seller;
import io.sheetsync.seller.SellerChange;
import io.sheetsync.seller.SheetComparison;
import io.sheetsync.seller.SheetDifference;
import io.sheetsync.seller.SheetDifference.Kind;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetData;
import io.sheetsync.sheet.SheetFormatException;
import io.sheetsync.sync.ColumnGuard;
import io.sheetsync.sync.ColumnVanishedException;
import io.sheetsync.sync.RunControl;
import io.sheetsync.sync.RunExchange;
import io.sheetsync.sync.SheetValidation;
import io.sheetsync.sync.ShrinkGuard;
import io.sheetsync.sync.SourceShrunkException;
import io.sheetsync.sync.SyncCoordinator;
import io.sheetsync.sync.SyncInProgressException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
    private final DataSource dataSource;
    private final ConfigProvider config;
    private final Clock clock;

    public SyncPlanner(SyncCoordinator coordinator, ShrinkGuard shrinkGuard, ColumnGuard columnGuard,
                       SheetComparison comparison, DataSource dataSource, ConfigProvider config, Clock clock) {
        this.coordinator = coordinator;
        this.shrinkGuard = shrinkGuard;
        this.columnGuard = columnGuard;
        this.comparison = comparison;
        this.dataSource = dataSource;
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

    /** Last step: the plan of the fetched sheet against the database as it is now. */
    public Plan plan(@Body SheetData data) throws SQLException {
        SyncConfig settings = config.current();
        HeaderMapping mapping = SheetValidation.mapping(settings);
        ParsedSheet parsed;
        try {
            parsed = SheetValidation.parse(data, mapping, settings);
        } catch (SourceShrunkException e) {
            return logged(unreadable("missing_header", e));
        } catch (SheetFormatException e) {
            return logged(unreadable("unusable_header", e));
        }
        List<Plan.Guard> guards = new ArrayList<>();
        try {
            shrinkGuard.check(parsed, settings);
        } catch (SourceShrunkException e) {
            guards.add(new Plan.Guard("shrink", e.getMessage()));
        }
        try {
            columnGuard.check(parsed);
        } catch (ColumnVanishedException e) {
            guards.add(new Plan.Guard("vanished_column", e.getMessage()));
        }
        return logged(compared(parsed, mapping, guards));
    }

    private Plan compared(ParsedSheet parsed, HeaderMapping mapping, List<Plan.Guard> guards) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // the difference, the orphans and the stored values of the listed changes from one snapshot
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                SheetDifference difference = comparison.compare(connection, parsed.sellers());
                int orphans = comparison.orphans(connection);
                List<Seller> listed = listed(parsed.sellers(), difference);
                Map<String, List<FieldChange>> fields = comparison.fieldChanges(connection, listed, mapping);
                List<SellerChange> changes = new ArrayList<>(listed.size());
                for (Seller seller : listed) {
                    changes.add(new SellerChange(seller.sellerNumber(),
                            operation(difference.differing().get(seller.sellerNumber())), seller.sourceRow(),
                            fields.get(seller.sellerNumber())));
                }
                int create = difference.count(Kind.CREATE);
                int update = difference.count(Kind.UPDATE, Kind.PROPERTY);
                int moved = difference.count(Kind.MOVE);
                Plan.Counts counts = new Plan.Counts(create, update, parsed.sellers().size() - create - update - moved,
                        parsed.invalidRows().size(), parsed.duplicates().size(), orphans, moved,
                        difference.count(Kind.DATABASE_NEWER));
                return new Plan(clock.instant(), guards.isEmpty() && !counts.writes(), counts, guards, changes,
                        create + update + moved > changes.size());
            } finally {
                connection.rollback();
            }
        }
    }

    /** The sellers whose changes a plan lists: creates and updates by sheet row, then moves, at most MAX_CHANGES. */
    private static List<Seller> listed(List<Seller> sellers, SheetDifference difference) {
        List<Seller> listed = new ArrayList<>();
        List<Seller> moves = new ArrayList<>();
        for (Seller seller : sellers) {
            Kind kind = difference.differing().get(seller.sellerNumber());
            if (kind == Kind.MOVE) {
                moves.add(seller);
            } else if (kind != null && kind != Kind.DATABASE_NEWER) {
                listed.add(seller);
            }
        }
        listed.sort(Comparator.comparingInt(Seller::sourceRow));
        moves.sort(Comparator.comparingInt(Seller::sourceRow));
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
