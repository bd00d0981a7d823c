package io.sheetsync.support;

import java.util.function.Consumer;

/**
 * Lets the check of a property call code that throws checked exceptions (HTTP calls, SQL, mail): QuickTheories takes
 * a plain {@link Consumer}, and such an exception must still fail the example, as itself.
 */
public final class CheckedExamples {

    /** A check of one generated example that may throw anything. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T example) throws Exception;
    }

    private CheckedExamples() {
    }

    public static <T> Consumer<T> checked(Check<T> check) {
        return example -> {
            try {
                check.accept(example);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking " + example, e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
