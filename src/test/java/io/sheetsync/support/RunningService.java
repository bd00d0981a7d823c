package io.sheetsync.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A JUnit extension that gives a test class its own database and the whole service started on it, and tears both
 * down after the class. Settings are asked for when the class starts, so they may name ports of other fixtures.
 *
 * <pre>{@code @RegisterExtension static final RunningService SYNC = new RunningService(Map::of);}</pre>
 */
public final class RunningService implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<Map<String, String>> settings;
    private final Clock clock;
    private TestDatabase database;
    private TestService service;

    public RunningService(Supplier<Map<String, String>> settings) {
        this(settings, Clock.systemUTC());
    }

    public RunningService(Supplier<Map<String, String>> settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = TestDatabase.create(context.getRequiredTestClass());
        service = TestService.start(database, Files.createTempDirectory("sheet-sync-test"), settings.get(), clock);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    public TestDatabase database() {
        return database;
    }

    public TestService service() {
        return service;
    }
}
