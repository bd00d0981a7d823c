package io.sheetsync.support;

/**
 * Runs a property's check that throws checked exceptions (SQL, HTTP, JSON) inside a QuickTheories lambda: any failure
 * becomes an {@link AssertionError}, so QuickTheories reports the example (and shrinks it) like a failed assertion.
 */
public final class Unchecked {

    /** A check that may throw. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    private Unchecked() {
    }

    public static void check(Check check) {
        try {
            check.run();
        } catch (AssertionError | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e.toString(), e);
        }
    }
}
