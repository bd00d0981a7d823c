package io.sheetsync.health;

import io.sheetsync.recovery.ErrorClassifier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code sheet-sync-database}: a {@code SELECT 1} through the service's pool, DOWN when it fails or takes longer than
 * the timeout. A readiness check only: every API call needs the database, but restarting the process would not bring
 * it back. The query runs on a thread of its own, so a probe answers within the timeout even while the pool waits
 * for a connection; a check still waiting is shared by the probes that come meanwhile instead of piling up.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ErrorClassifier classifier;
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread thread = new Thread(task, "sheet-sync-database-health");
                thread.setDaemon(true);
                return thread;
            });
    private Future<?> inFlight;

    public DatabaseHealthCheck(DataSource dataSource, Duration timeout, ErrorClassifier classifier) {
        super("sheet-sync", "sheet-sync-database");
        this.dataSource = dataSource;
        this.timeout = timeout;
        this.classifier = classifier;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            query().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.message("SELECT 1 answered").up();
        } catch (TimeoutException e) {
            builder.message("the database did not answer SELECT 1 within " + timeout.toMillis() + " ms").down();
        } catch (ExecutionException e) {
            builder.message(HealthText.of("SELECT 1 failed: " + classifier.safeMessage(root(e.getCause())))).down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("interrupted while checking the database").down();
        }
    }

    private synchronized Future<?> query() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = executor.submit(() -> {
                try (Connection connection = dataSource.getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                    statement.execute("SELECT 1");
                }
                return null;
            });
        }
        return inFlight;
    }

    private static Throwable root(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
