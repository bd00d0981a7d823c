package io.sheetsync.sheet;

/** Where the sheet comes from: Google Sheets or a local export. Each fetch reads the whole configured range. */
public interface SheetSource {

    /**
     * Reads the header and every data row.
     *
     * @throws SheetUnavailableException when the sheet cannot be read; its message says what to check
     */
    SheetData fetch();

    /** A short description for logs and the status API, never containing secrets (e.g. "file samples/sellers.csv"). */
    String describe();
}
