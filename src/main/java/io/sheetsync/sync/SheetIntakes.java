package io.sheetsync.sync;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.seller.SheetStage;
import io.sheetsync.sheet.SheetReceiver;
import org.apache.camel.Exchange;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Gives a run's or a plan's fetch its {@link SheetIntake} (route steps before {@code direct:fetch-sheet}), and closes
 * it when the run or plan is over, removing its stage.
 */
public final class SheetIntakes {

    private final DataSource dataSource;
    private final SheetStage stage;
    private final ConfigProvider config;
    private final Clock clock;

    public SheetIntakes(DataSource dataSource, SheetStage stage, ConfigProvider config, Clock clock) {
        this.dataSource = dataSource;
        this.stage = stage;
        this.config = config;
        this.clock = clock;
    }

    /** Before a run's fetch: its rows are parsed and staged as they arrive, and committed for the batches. */
    public void forRun(Exchange exchange) {
        open(exchange, false);
    }

    /** Before a plan's fetch: as a run's, but the stage stays in the plan's transaction (see {@link SheetIntake}). */
    public void forPlan(Exchange exchange) {
        open(exchange, true);
    }

    /** The intake of this exchange's read. */
    public static SheetIntake of(Exchange exchange) {
        return exchange.getProperty(SheetReceiver.PROPERTY, SheetIntake.class);
    }

    /** The run or plan is over: its stage goes. Never throws. */
    public void close(Exchange exchange) {
        SheetIntake intake = of(exchange);
        if (intake != null) {
            exchange.removeProperty(SheetReceiver.PROPERTY);
            intake.close();
        }
    }

    private void open(Exchange exchange, boolean plan) {
        SyncConfig settings = config.current();
        exchange.setProperty(SheetReceiver.PROPERTY, new SheetIntake(dataSource, stage,
                SheetValidation.parser(SheetValidation.mapping(settings), settings), RunExchange.control(exchange),
                clock, plan, SheetIntake.FLUSH_ROWS));
    }
}
