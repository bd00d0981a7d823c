package io.sheetsync.support;

import java.util.function.Consumer;

/**
 * Lets a property's check throw checked exceptions (SQL, HTTP, JSON, files) inside QuickTheories, whose
 * {@code checkAssert} takes plain consumers: such an exception fails the example as an {@link AssertionError} with the
 * exception as its cause, so QuickTheories reports and shrinks it like a failed assertion.
 */
public final class Unchecked {

    /** A block of a check that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** The check of one generated example, which may throw. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T example) throws Exception;
    }

    private Unchecked() {
    }

    /** Runs the block; a checked exception fails the example. */
    public static void check(Body body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError(e.toString(), e);
        }
    }

    /** The check as the consumer {@code checkAssert} takes: {@code .checkAssert(checked(sheet -> { ... }))}. */
    public static <T> Consumer<T> checked(Check<T> check) {
        return example -> check(() -> check.accept(example));
    }
}
