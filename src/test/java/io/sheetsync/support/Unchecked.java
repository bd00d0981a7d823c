package io.sheetsync.support;

/** Lets a property's body throw checked exceptions inside QuickTheories' {@code checkAssert}, which takes none. */
public final class Unchecked {

    /** A property body. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private Unchecked() {
    }

    /** Runs the body; a checked exception fails the example with that exception as its cause. */
    public static void run(Body body) {
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
}
