package io.sheetsync.support;

import io.sheetsync.db.Database;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;

/**
 * A JUnit extension that gives a test class its own database, migrated, and the service's pool on it (without the
 * service), for tests of the classes that work on the pool; both go after the class.
 *
 * <pre>{@code @RegisterExtension static final MigratedDatabase DB = new MigratedDatabase();}</pre>
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    private TestDatabase database;
    private Database pool;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabase.create(context.getRequiredTestClass());
        pool = database.open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pool != null) {
            pool.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** The test's database, for setup and assertions. */
    public TestDatabase database() {
        return database;
    }

    /** The service's pool on it. */
    public DataSource dataSource() {
        return pool.dataSource();
    }
}
