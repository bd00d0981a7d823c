package io.sheetsync.support;

/**
 * Makes a test database refuse inserts of chosen seller numbers with an error, as a constraint, a missing permission
 * or a busy database would: a trigger raising the PostgreSQL condition chosen for each seller (by name, e.g.
 * {@code check_violation} or {@code serialization_failure}), with a message naming the seller. The loud counterpart
 * of {@link LosingTrigger}.
 */
public final class RefusingTrigger {

    private final TestDatabase database;

    private RefusingTrigger(TestDatabase database) {
        this.database = database;
    }

    public static RefusingTrigger install(TestDatabase database) {
        database.execute("""
                CREATE TABLE IF NOT EXISTS test_refused_keys (seller_number varchar PRIMARY KEY, refusal text NOT NULL);
                CREATE OR REPLACE FUNCTION test_refuse_insert() RETURNS trigger AS $$
                DECLARE
                  condition text;
                BEGIN
                  SELECT refusal INTO condition FROM test_refused_keys WHERE seller_number = NEW.seller_number;
                  IF FOUND THEN
                    RAISE EXCEPTION 'test trigger refuses seller %', NEW.seller_number USING ERRCODE = condition;
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                DROP TRIGGER IF EXISTS test_refuse_insert ON sellers;
                CREATE TRIGGER test_refuse_insert BEFORE INSERT ON sellers
                  FOR EACH ROW EXECUTE FUNCTION test_refuse_insert();
                DELETE FROM test_refused_keys;""");
        return new RefusingTrigger(database);
    }

    /** Every insert of this seller fails with the named PostgreSQL condition (Appendix A of its manual). */
    public RefusingTrigger refuse(String sellerNumber, String condition) {
        database.execute("INSERT INTO test_refused_keys VALUES ('" + sellerNumber.replace("'", "''") + "', '"
                + condition.replace("'", "''") + "')"
                + " ON CONFLICT (seller_number) DO UPDATE SET refusal = EXCLUDED.refusal");
        return this;
    }

    public void clear() {
        database.execute("DELETE FROM test_refused_keys");
    }
}
