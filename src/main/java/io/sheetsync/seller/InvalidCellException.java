package io.sheetsync.seller;

/**
 * A cell's text cannot be read as the value its column holds.
 *
 * <p>The message finishes a sentence that the caller starts with the field and the cell, e.g. {@code is not a date
 * (expected ...)}. Bad cells are an expected outcome of parsing a hand-edited sheet, so no stack trace is taken.
 */
public class InvalidCellException extends RuntimeException {

    public InvalidCellException(String problem) {
        super(problem, null, false, false);
    }
}
