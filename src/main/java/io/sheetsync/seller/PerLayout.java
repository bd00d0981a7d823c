package io.sheetsync.seller;

import io.sheetsync.sheet.RawCells;

import java.util.function.Function;

/**
 * What is derived from a sheet layout's raw keys alone (their encoded text, say), derived again only when a row of
 * another layout comes: every row of a sheet shares one keys array, and the keys are a third of a row's text. Not
 * thread-safe: hold one per thread.
 */
final class PerLayout<T> {

    private final Function<RawCells, T> derive;
    private RawCells layout; // a row of the layout derived last: only its keys array is compared
    private T derived;

    PerLayout(Function<RawCells, T> derive) {
        this.derive = derive;
    }

    T of(RawCells raw) {
        if (!raw.sharesKeysWith(layout)) {
            derived = derive.apply(raw);
            layout = raw;
        }
        return derived;
    }
}
