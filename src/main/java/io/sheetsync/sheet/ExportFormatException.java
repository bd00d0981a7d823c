package io.sheetsync.sheet;

/**
 * A local export's bytes are not a sheet we can read (bad encoding, broken CSV quoting, corrupt workbook).
 *
 * <p>Package-private and checked: the readers throw it with the reason, {@link FileSheetSource} turns it into a
 * {@link SheetUnavailableException} that also names the file and what to do.
 */
class ExportFormatException extends Exception {

    ExportFormatException(String reason) {
        super(reason);
    }

    ExportFormatException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
