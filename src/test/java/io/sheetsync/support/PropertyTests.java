package io.sheetsync.support;

import org.quicktheories.QuickTheory;

/**
 * How the project's property tests run (QuickTheories from plain JUnit 5 tests): at least {@link #EXAMPLES} generated
 * examples each, shrunk to a small counterexample on failure. A failure prints its seed; {@code -DQT_SEED=<seed>}
 * replays it and {@code -DQT_EXAMPLES=<n>} runs more examples (README).
 */
public final class PropertyTests {

    /** The fewest examples any property of the seed design is checked with. */
    public static final int EXAMPLES = 100;

    /** The start of every property test's display name; the property's number and text follow. */
    public static final String FEATURE = "Feature: sync-reliability-enhancement, Property ";

    /** Shrinking steps of a property that runs a sync per example: enough for a short counterexample in minutes. */
    private static final int RUN_SHRINK_CYCLES = 40;

    private PropertyTests() {
    }

    /** Properties of pure logic: {@link #EXAMPLES} examples (more with {@code -DQT_EXAMPLES=n}), full shrinking. */
    public static QuickTheory pure() {
        return QuickTheory.qt().withExamples(Math.max(EXAMPLES, Integer.getInteger("QT_EXAMPLES", EXAMPLES)));
    }

    /** Properties that run syncs against the database for each example: shrinking bounded. */
    public static QuickTheory runs() {
        return pure().withShrinkCycles(RUN_SHRINK_CYCLES);
    }
}
