package io.sheetsync.support;

/**
 * Reproduces the AA12679 incident in a test database: a trigger that silently drops inserts of chosen seller numbers,
 * the given number of times each, while the database reports success.
 */
public final class LosingTrigger {

    private final TestDatabase database;

    private LosingTrigger(TestDatabase database) {
        this.database = database;
    }

    public static LosingTrigger install(TestDatabase database) {
        database.execute("""
                CREATE TABLE IF NOT EXISTS test_dropped_keys (seller_number varchar PRIMARY KEY, remaining int NOT NULL);
                CREATE OR REPLACE FUNCTION test_drop_insert() RETURNS trigger AS $$
                BEGIN
                  UPDATE test_dropped_keys SET remaining = remaining - 1
                    WHERE seller_number = NEW.seller_number AND remaining > 0;
                  IF FOUND THEN
                    RETURN NULL;
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS test_drop_insert ON sellers;
                CREATE TRIGGER test_drop_insert BEFORE INSERT ON sellers FOR EACH ROW EXECUTE FUNCTION test_drop_insert();
                DELETE FROM test_dropped_keys;""");
        return new LosingTrigger(database);
    }

    /** The next {@code times} inserts of this seller are dropped without an error. */
    public LosingTrigger drop(String sellerNumber, int times) {
        database.execute("INSERT INTO test_dropped_keys VALUES ('" + sellerNumber + "', " + times + ")"
                + " ON CONFLICT (seller_number) DO UPDATE SET remaining = EXCLUDED.remaining");
        return this;
    }

    /** Every insert of this seller is dropped. */
    public LosingTrigger alwaysDrop(String sellerNumber) {
        return drop(sellerNumber, Integer.MAX_VALUE);
    }

    public void clear() {
        database.execute("DELETE FROM test_dropped_keys");
    }
}
