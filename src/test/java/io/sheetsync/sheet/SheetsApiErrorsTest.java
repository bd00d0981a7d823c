package io.sheetsync.sheet;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class SheetsApiErrorsTest {

    private static final SheetsApiErrors.Context CONTEXT =
            new SheetsApiErrors.Context("sheet-1", "Sellers!A1:L", "https://sheets.googleapis.com/", 30);

    private static Throwable asCamelThrowsIt(Throwable cause) {
        return new CamelExecutionException("Exception occurred during execution", null,
                new RuntimeCamelException(cause));
    }

    private static GoogleJsonResponseException apiError(int status, String message) {
        GoogleJsonError details = new GoogleJsonError();
        details.setCode(status);
        details.setMessage(message);
        return new GoogleJsonResponseException(
                new HttpResponseException.Builder(status, "Status " + status, new HttpHeaders()), details);
    }

    @Test
    void not_found_names_the_spreadsheet_id_and_the_setting_to_check() {
        SheetUnavailableException e = SheetsApiErrors.translate(asCamelThrowsIt(apiError(404, "Requested entity was "
                + "not found.")), CONTEXT);

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e).hasMessage("spreadsheet sheet-1 not found: check SYNC_SHEETS_SPREADSHEET_ID");
    }

    @Test
    void forbidden_says_to_share_the_sheet() {
        SheetUnavailableException e = SheetsApiErrors.translate(asCamelThrowsIt(apiError(403, "denied")), CONTEXT);

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e).hasMessage("access denied: share the sheet with the service account");
    }

    @Test
    void unauthorised_says_to_check_the_credentials() {
        SheetUnavailableException e = SheetsApiErrors.translate(asCamelThrowsIt(apiError(401, "invalid")), CONTEXT);

        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e).hasMessage("not authorised: check the access token or key file");
    }

    @Test
    void bad_request_names_the_range_and_quotes_the_api() {
        SheetUnavailableException e = SheetsApiErrors.translate(asCamelThrowsIt(apiError(400,
                "Unable to parse range: Sellers!A1:L")), CONTEXT);

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e).hasMessage("bad range Sellers!A1:L: Unable to parse range: Sellers!A1:L");
    }

    @Test
    void other_statuses_carry_the_status_and_the_api_message() {
        SheetUnavailableException unavailable = SheetsApiErrors.translate(asCamelThrowsIt(apiError(503,
                "The service is currently unavailable.")), CONTEXT);
        SheetUnavailableException quota = SheetsApiErrors.translate(asCamelThrowsIt(apiError(429, "Quota exceeded")),
                CONTEXT);

        assertThat(unavailable.httpStatus()).isEqualTo(503);
        assertThat(unavailable).hasMessage("Sheets API answered 503: The service is currently unavailable.");
        assertThat(quota.httpStatus()).isEqualTo(429);
        assertThat(quota).hasMessageContaining("429").hasMessageContaining("Quota exceeded");
    }

    @Test
    void an_answer_without_a_json_body_uses_the_status_line() {
        HttpResponseException plain = new HttpResponseException.Builder(502, "Bad Gateway", new HttpHeaders()).build();

        SheetUnavailableException e = SheetsApiErrors.translate(asCamelThrowsIt(plain), CONTEXT);

        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e).hasMessage("Sheets API answered 502: Bad Gateway");
    }

    @Test
    void a_read_timeout_has_no_status_keeps_its_cause_and_names_the_setting() {
        SocketTimeoutException timeout = new SocketTimeoutException("Read timed out");

        SheetUnavailableException e = SheetsApiErrors.translate(asCamelThrowsIt(timeout), CONTEXT);

        assertThat(e.httpStatus()).isZero();
        assertThat(e).hasMessageContaining("within 30 s").hasMessageContaining("SYNC_SHEETS_TIMEOUT_SECONDS")
                .hasRootCause(timeout);
    }

    @Test
    void a_refused_connection_has_no_status_and_names_the_root_url() {
        SheetUnavailableException e = SheetsApiErrors.translate(
                asCamelThrowsIt(new ConnectException("Connection refused")), CONTEXT);

        assertThat(e.httpStatus()).isZero();
        assertThat(e).hasMessage("cannot reach the Sheets API at https://sheets.googleapis.com/: ConnectException: "
                + "Connection refused");
        assertThat(e.getCause()).isInstanceOf(CamelExecutionException.class);
    }

    @Test
    void a_sheet_unavailable_exception_in_the_chain_is_passed_on_unchanged() {
        SheetUnavailableException original = new SheetUnavailableException("cannot use the key file", 0, null);

        assertThat(SheetsApiErrors.translate(asCamelThrowsIt(original), CONTEXT)).isSameAs(original);
    }

    @Test
    void anything_else_is_reported_with_its_root_cause() {
        SheetUnavailableException e = SheetsApiErrors.translate(
                asCamelThrowsIt(new IllegalStateException("odd")), CONTEXT);

        assertThat(e.httpStatus()).isZero();
        assertThat(e).hasMessage("could not read google sheet sheet-1: IllegalStateException: odd");
    }

    @Test
    void user_and_password_in_the_root_url_never_reach_a_message() {
        assertThat(SheetsApiErrors.safeUrl("https://user:secret@proxy.example:8443/sheets/"))
                .isEqualTo("https://proxy.example:8443/sheets/");
    }

    @Test
    void a_retry_after_header_travels_with_the_error_for_the_retry_policy() {
        HttpHeaders headers = new HttpHeaders();
        headers.setRetryAfter("7");
        GoogleJsonError details = new GoogleJsonError();
        details.setCode(429);
        details.setMessage("Quota exceeded");
        Throwable quota = new GoogleJsonResponseException(
                new HttpResponseException.Builder(429, "Too Many Requests", headers), details);

        SheetUnavailableException e = SheetsApiErrors.translate(asCamelThrowsIt(quota), CONTEXT);

        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo("7");
        assertThat(e).hasMessage("Sheets API quota exceeded (429): Quota exceeded");
        assertThat(SheetsApiErrors.translate(asCamelThrowsIt(apiError(503, "down")), CONTEXT).retryAfter()).isNull();
    }
}
