package io.sheetsync.sync;

/**
 * The sheet came back with no valid rows, or far fewer than the last completed run had: an emptied or truncated sheet
 * is never a quiet success. Nothing is written; the run fails with this reason.
 */
public class SourceShrunkException extends RuntimeException {

    public SourceShrunkException(String message) {
        super(message);
    }
}
