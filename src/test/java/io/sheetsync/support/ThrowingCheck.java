package io.sheetsync.support;

import java.util.function.Consumer;

/**
 * A property's check that may throw checked exceptions (SQL, HTTP, files), for QuickTheories' {@code checkAssert},
 * which takes a plain {@link Consumer}: {@code .checkAssert(ThrowingCheck.of(example -> { ... }))}.
 */
@FunctionalInterface
public interface ThrowingCheck<T> {

    void check(T example) throws Exception;

    /** The check as a consumer; a checked exception fails the example with it as the cause. */
    static <T> Consumer<T> of(ThrowingCheck<T> check) {
        return example -> {
            try {
                check.check(example);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the example failed with " + e, e);
            }
        };
    }
}
