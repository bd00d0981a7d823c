package io.sheetsync.sheet;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;

/**
 * Reads the sheet from a local CSV or XLSX export at SYNC_FILE_PATH, the source used when no spreadsheet id is set
 * (route {@code read-file-export}).
 *
 * <p>The path and the sheet title (SYNC_SHEETS_RANGE) are read from the configuration in force at each fetch, so a
 * hot reload points the next run at another file. See {@link CsvExport}, {@link ExportCharset}, {@link XlsxExport}
 * and {@link XlsxCellText} for how each format is read, and {@link ExportLimits} for the bounds a file must keep.
 */
public final class FileSheetSource {

    private static final Logger LOG = LoggerFactory.getLogger(FileSheetSource.class);

    private final ConfigProvider config;

    public FileSheetSource(ConfigProvider config) {
        this.config = Objects.requireNonNull(config);
    }

    /**
     * The step of route {@code read-file-export}: reads the export whole (see {@link #fetch}), then hands it to the
     * exchange's {@link SheetReceiver} when it has one, as a streaming read would have.
     */
    public FetchedSheet read(Exchange exchange) {
        SheetData data = fetch();
        SheetReceiver receiver = exchange.getProperty(SheetReceiver.PROPERTY, SheetReceiver.class);
        return receiver == null ? data : data.deliverTo(receiver);
    }

    /**
     * Reads the header and every data row of the export.
     *
     * @throws SheetRefusedException when the file cannot be read; its message says what to check
     */
    public SheetData fetch() {
        SyncConfig current = config.current();
        Path file = current.filePath();
        String extension = extension(file);
        if (!extension.equals("csv") && !extension.equals("xlsx")) {
            throw unavailable(file, "is not a .csv or .xlsx file"
                    + (extension.equals("xls") ? " (save the .xls workbook as .xlsx or as CSV UTF-8)" : "")
                    + "; set SYNC_FILE_PATH to a CSV or XLSX export of the sheet", null);
        }
        checkReadable(file);
        try {
            ExportLimits.checkFileSize(Files.size(file), current.inputLimits().fileMaxBytes());
            if (Files.size(file) == 0) {
                LOG.warn("source file {} is empty", file);
                return new SheetData(List.of(), List.of());
            }
            SheetData sheet;
            if (extension.equals("csv")) {
                ExportCharset.Decoded text = ExportCharset.decode(Files.readAllBytes(file));
                sheet = CsvExport.parse(text.text());
                LOG.debug("read {} as CSV in {}: {} rows", file, text.charset(), sheet.rows().size());
            } else {
                sheet = XlsxExport.read(file, current.sheets().range());
                LOG.debug("read {} as XLSX: {} rows", file, sheet.rows().size());
            }
            return sheet;
        } catch (ExportLimitException e) {
            throw unavailable(file, e.getMessage(), e);
        } catch (ExportFormatException e) {
            String hint = extension.equals("csv")
                    ? "; export the sheet again as CSV (UTF-8 or Shift_JIS)"
                    : "; open it in Excel and save it again as .xlsx, or export the sheet as CSV";
            throw unavailable(file, e.getMessage() + hint, e);
        } catch (NoSuchFileException e) {
            throw unavailable(file, "was not found" + whereToLook(file), e);
        } catch (AccessDeniedException e) {
            throw unavailable(file, "cannot be read: permission denied for the service's user", e);
        } catch (IOException e) {
            throw unavailable(file, "could not be read (" + e.getMessage() + "); check the disk and SYNC_FILE_PATH", e);
        }
    }

    /** For logs: "file samples/sellers.csv". */
    public String describe() {
        return "file " + config.current().filePath();
    }

    private static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw unavailable(file, "was not found" + whereToLook(file), null);
        }
        if (!Files.isRegularFile(file)) {
            throw unavailable(file, "is not a regular file; set SYNC_FILE_PATH to the export file itself", null);
        }
        if (!Files.isReadable(file)) {
            throw unavailable(file, "cannot be read: permission denied for the service's user", null);
        }
    }

    private static String whereToLook(Path file) {
        return file.isAbsolute()
                ? "; check SYNC_FILE_PATH"
                : "; check SYNC_FILE_PATH (a relative path is resolved from " + Path.of("").toAbsolutePath() + ")";
    }

    private static SheetRefusedException unavailable(Path file, String problem, Throwable cause) {
        // a file that cannot be read stays unreadable until someone fixes it: never worth a retry
        return new SheetRefusedException("sheet file " + file + " " + problem, 0, cause);
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString();
        int dot = text.lastIndexOf('.');
        return dot < 0 ? "" : text.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
