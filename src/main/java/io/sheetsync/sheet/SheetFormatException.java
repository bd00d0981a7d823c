package io.sheetsync.sheet;

/** The sheet as a whole cannot be read as sellers (no header row, a required column missing, colliding headers). */
public class SheetFormatException extends RuntimeException {

    public SheetFormatException(String message) {
        super(message);
    }
}
