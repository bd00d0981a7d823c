package io.sheetsync.sync;

import io.sheetsync.sheet.SheetFormatException;

/**
 * The sheet came back with no valid rows, or far fewer than the last completed run had: an emptied or truncated sheet
 * is never a quiet success. Nothing is written; the run fails with this reason, logged as a validation error (the
 * sheet's content was refused, like a header that cannot be used).
 */
public class SourceShrunkException extends SheetFormatException {

    public SourceShrunkException(String message) {
        super(message);
    }
}
