package io.sheetsync.sheet;

/**
 * A local export passes one of {@link ExportLimits}: too large, too many rows, columns or cells, or a zip bomb. Its
 * message is complete; {@link FileSheetSource} adds no "save it again" hint, since saving it again would not help.
 */
final class ExportLimitException extends ExportFormatException {

    ExportLimitException(String reason) {
        super(reason);
    }
}
