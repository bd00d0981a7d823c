package io.sheetsync.sheet;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Explains a failed Sheets API call as a {@link SheetUnavailableException}: the HTTP status and what to check, or
 * status 0 with the cause kept when no answer came. Messages carry ids and ranges, never tokens or keys.
 */
public final class SheetsApiErrors {

    private SheetsApiErrors() {
    }

    /** What was being read when the call failed; used only to word the message. */
    public record Context(String spreadsheetId, String range, String rootUrl, int timeoutSeconds) {
    }

    /** Finds the HTTP answer (or the I/O failure) in the cause chain and words the exception. */
    public static SheetUnavailableException translate(Throwable failure, Context context) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SheetUnavailableException known) {
                return known;
            }
            if (t instanceof TokenResponseException token) {
                // The token endpoint refused the key (invalid_grant, disabled account): an authorisation problem
                return new SheetUnavailableException(
                        "not authorised: check the access token or key file (the token endpoint answered "
                                + token.getStatusCode() + ")", 401, token);
            }
            if (t instanceof HttpResponseException http) {
                SheetUnavailableException explained = forStatus(http.getStatusCode(), apiMessage(http), context, http);
                String retryAfter = http.getHeaders() == null ? null : http.getHeaders().getRetryAfter();
                return retryAfter == null ? explained : new SheetUnavailableException(explained.getMessage(),
                        explained.httpStatus(), retryAfter, http);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new SheetUnavailableException("no answer from the Sheets API at " + safeUrl(context.rootUrl())
                        + " within " + context.timeoutSeconds() + " s (SYNC_SHEETS_TIMEOUT_SECONDS): " + t.getMessage(),
                        0, failure);
            }
            if (t instanceof IOException) {
                return new SheetUnavailableException("cannot reach the Sheets API at " + safeUrl(context.rootUrl())
                        + ": " + t.getClass().getSimpleName() + ": " + t.getMessage(), 0, failure);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new SheetUnavailableException("could not read google sheet " + context.spreadsheetId() + ": "
                + root.getClass().getSimpleName() + ": " + root.getMessage(), 0, failure);
    }

    /** The exception for an HTTP error answer. */
    public static SheetUnavailableException forStatus(int status, String apiMessage, Context context, Throwable cause) {
        String message = switch (status) {
            case 400 -> "bad range " + context.range() + ": " + apiMessage;
            case 401 -> "not authorised: check the access token or key file";
            case 403 -> "access denied: share the sheet with the service account";
            case 404 -> "spreadsheet " + context.spreadsheetId() + " not found: check SYNC_SHEETS_SPREADSHEET_ID";
            case 429 -> "Sheets API quota exceeded (429): " + apiMessage;
            default -> "Sheets API answered " + status + ": " + apiMessage;
        };
        return new SheetUnavailableException(message, status, cause);
    }

    private static String apiMessage(HttpResponseException http) {
        if (http instanceof GoogleJsonResponseException json && json.getDetails() != null
                && json.getDetails().getMessage() != null) {
            return json.getDetails().getMessage();
        }
        String statusMessage = http.getStatusMessage();
        return statusMessage == null || statusMessage.isBlank() ? "HTTP " + http.getStatusCode() : statusMessage;
    }

    /** The root URL without any user:password part, for messages. */
    static String safeUrl(String url) {
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | NullPointerException e) {
            return "(the configured SYNC_SHEETS_ROOT_URL)";
        }
    }
}
