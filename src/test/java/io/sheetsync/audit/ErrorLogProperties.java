package io.sheetsync.audit;

import io.sheetsync.support.AuditTables;
import io.sheetsync.support.MessyRow;
import io.sheetsync.support.MessySheet;
import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RefusingTrigger;
import io.sheetsync.support.RejectedRows;
import io.sheetsync.support.SyncTriggers;
import io.sheetsync.support.TestDatabase;
import io.sheetsync.support.TestService;
import static io.sheetsync.support.Unchecked.checked;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed property 8: the error logs of failing runs. Each example is a real run (through the API) of a generated sheet
 * with a generated failure: its own invalid and duplicate rows, sellers the database refuses with an error (a
 * transient one, which sets their batch aside, or a permanent one, which fails the run), a sheet file that cannot be
 * read (missing, a directory, binary, broken CSV, an unknown encoding) or a header that cannot be used. The error logs
 * expected are worked out from what was generated.
 */
class ErrorLogProperties {

    private static final int BATCH_SIZE = 3;
    /** Conditions README's failure modes call transient (deadlock, serialization failure, lock not available). */
    private static final List<String> TRANSIENT = List.of("deadlock_detected", "serialization_failure",
            "lock_not_available");
    /** Refusals no retry can help: a constraint, a trigger's own error, a missing permission. */
    private static final List<String> PERMANENT = List.of("check_violation", "raise_exception",
            "insufficient_privilege");
    private static final List<String> REQUIRED = List.of("seller_number", "name", "inquiry_date");

    static TestDatabase database;
    static TestService service;
    static SyncTriggers triggers;
    static AuditTables audit;
    static RefusingTrigger refusals;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create(ErrorLogProperties.class);
        // Small batches, so that a refused seller takes only its batch down; no wait before a batch is retried. One
        // writer: the oracle follows the batches in sheet order up to the first that fails the run (with two, the
        // rest of that batch's group is written too; BatchWritersTest covers a group's failures).
        service = TestService.start(database, Files.createTempDirectory("error-logs"), Map.of(
                "SYNC_BATCH_SIZE", Integer.toString(BATCH_SIZE), "SYNC_BATCH_WRITERS", "1",
                "SYNC_RETRY_INITIAL_DELAY_MS", "0"));
        triggers = new SyncTriggers(service, database);
        audit = new AuditTables(database);
        refusals = RefusingTrigger.install(database);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 8: Error logging completeness — for any sync error,"
            + " the error log should contain error message, stack trace, and affected seller number")
    void every_error_of_a_run_is_logged_with_its_cause_stack_trace_and_seller() {
        PropertyTests.runs().forAll(failingRuns()).checkAssert(checked(failing -> {
            prepare(failing);

            UUID run = triggers.run(TriggerSource.MANUAL);

            List<AuditTables.ErrorRow> unexplained = new ArrayList<>(audit.errors(run));
            List<Expectation> missing = new ArrayList<>();
            for (Expectation expectation : expected(failing)) {
                AuditTables.ErrorRow match = unexplained.stream().filter(expectation.matches()).findFirst()
                        .orElse(null);
                if (match == null) {
                    missing.add(expectation);
                } else {
                    unexplained.remove(match);
                }
            }
            assertThat(missing).as("error logs missing (found besides: %s)", unexplained).isEmpty();
            assertThat(unexplained).as("error logs no generated failure accounts for").isEmpty();
        }));
    }

    /** Empties the tables and writes the sheet file (or what stands in its place) and the refusals. */
    private static void prepare(FailingRun failing) throws Exception {
        triggers.awaitIdle();
        database.execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts;"
                + " DELETE FROM sync_retry_queue");
        refusals.clear();
        failing.refused().forEach(refusals::refuse);
        Path file = service.sheetFile();
        if (Files.isDirectory(file)) {
            Files.delete(file);
        }
        String csv = failing.sheet().csv();
        switch (failing.fault()) {
            case MISSING_FILE -> Files.deleteIfExists(file);
            case DIRECTORY -> {
                Files.deleteIfExists(file);
                Files.createDirectory(file);
            }
            case NUL_CHARACTER -> {
                int at = failing.at() % (csv.length() + 1);
                service.sheet(csv.substring(0, at) + '\0' + csv.substring(at));
            }
            case UNCLOSED_QUOTE -> service.sheet(csv + unclosedLine(failing));
            case NOT_TEXT -> Files.write(file, notText(csv, failing.at()));
            default -> service.sheet(csv);
        }
    }

    /** The error logs the run must leave, from the generated sheet and failure alone (CONTRACT, README). */
    private static List<Expectation> expected(FailingRun failing) {
        MessySheet sheet = failing.sheet();
        String file = service.sheetFile().toString();
        switch (failing.fault()) {
            case MISSING_FILE -> {
                return List.of(fetchFailure(file, "not found"));
            }
            case DIRECTORY -> {
                return List.of(fetchFailure(file, "not a regular file"));
            }
            case NUL_CHARACTER -> {
                return List.of(fetchFailure(file, "NUL"));
            }
            case NOT_TEXT -> {
                return List.of(fetchFailure(file, "UTF-8", "Shift_JIS"));
            }
            case UNCLOSED_QUOTE -> {
                // the broken line is the last: one after every line of the sheet, multi-line cells included
                String number = Long.toString(failing.sheet().csv().chars().filter(c -> c == '\n').count() + 1);
                Expectation fetch = fetchFailure(file, "CSV");
                return List.of(new Expectation(fetch + ", naming line " + number,
                        fetch.matches().and(row -> word(number).matcher(row.message()).find())));
            }
            case NO_REQUIRED_COLUMN, COLLIDING_COLUMNS -> {
                Pattern field = word(failing.column());
                // a doubled column is the last one; its header is named too
                String header = failing.fault() == Fault.COLLIDING_COLUMNS
                        ? sheet.header().get(sheet.header().size() - 1) : "";
                return List.of(runFailure("validation", "the header naming field " + field + " and '" + header + "'",
                        message -> field.matcher(message).find() && message.contains(header)));
            }
            case BLANK_HEADER -> {
                return List.of(runFailure("validation", "the missing header row",
                        message -> message.contains("header")));
            }
            default -> {
                return rowAndWriteFailures(failing);
            }
        }
    }

    /** A sheet that was read: its rejected rows, then what the refusals do to each batch, in sheet order. */
    private static List<Expectation> rowAndWriteFailures(FailingRun failing) {
        MessySheet sheet = failing.sheet();
        List<Expectation> expected = new ArrayList<>();
        RejectedRows.of(sheet).forEach(rejected -> expected.add(rowError(rejected)));
        if (sheet.validRowCount() == 0) {
            expected.add(runFailure("validation", "a sheet without valid rows",
                    message -> message.contains("valid rows")));
            return expected;
        }
        for (List<String> batch : batches(sheet)) {
            List<String> refused = batch.stream().filter(failing.refused()::containsKey).toList();
            if (refused.isEmpty()) {
                continue;
            }
            if (PERMANENT.contains(failing.refused().get(refused.get(0)))) {
                expected.add(runFailure("database", "the batch " + batch + " refused for " + refused,
                        message -> refused.stream().anyMatch(message::contains)));
                break;
            }
            for (String seller : batch) {
                expected.add(new Expectation("database error of " + seller + ", set aside with its batch " + batch
                        + " refused for " + refused, error -> error.type().equals("database")
                        && seller.equals(error.sellerNumber()) && hasStackTrace(error)
                        && refused.stream().anyMatch(error.message()::contains)));
            }
        }
        return expected;
    }

    /**
     * A row set aside: a validation error naming its row (README: {@code row 73: inquiry_date ...}) and the field at
     * fault, or for a duplicate its seller number and the row that won; the seller it names, if any.
     */
    private static Expectation rowError(RejectedRows.Rejected rejected) {
        Pattern row = word("row " + rejected.row());
        Predicate<String> cause = rejected.duplicate()
                ? message -> word("row " + rejected.winner()).matcher(message).find()
                && message.contains(rejected.sellerNumber())
                : message -> message.contains(rejected.field());
        return new Expectation("validation error of " + rejected, error -> error.type().equals("validation")
                && Objects.equals(rejected.sellerNumber(), error.sellerNumber())
                && row.matcher(error.message()).find() && cause.test(error.message()));
    }

    private static Expectation fetchFailure(String file, String... cause) {
        return runFailure("network", "the sheet file " + file + " unreadable: " + String.join(", ", cause),
                message -> message.contains(file) && List.of(cause).stream().allMatch(message::contains));
    }

    /** An error that fails the whole run: no seller of its own, the exception's stack trace. */
    private static Expectation runFailure(String type, String what, Predicate<String> message) {
        return new Expectation(type + " error of the run, for " + what, error -> error.type().equals(type)
                && error.sellerNumber() == null && hasStackTrace(error) && message.test(error.message()));
    }

    private static boolean hasStackTrace(AuditTables.ErrorRow error) {
        return error.stackTrace() != null && error.stackTrace().contains("\tat ");
    }

    private static Pattern word(String text) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(text) + "(?![\\p{L}\\p{N}_])");
    }

    /** A last line that opens a quoted cell and never closes it. */
    private static String unclosedLine(FailingRun failing) {
        return "\"AA" + failing.at() + ",unterminated\n";
    }

    /**
     * The sheet's bytes with a Shift_JIS lead byte followed by a space at the start of a line: not UTF-8 (a lone
     * continuation byte), not Shift_JIS (no second byte), so not text the service can read.
     */
    private static byte[] notText(String csv, int at) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        List<Integer> lineStarts = new ArrayList<>(List.of(0));
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lineStarts.add(i + 1);
            }
        }
        int start = lineStarts.get(at % lineStarts.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 2);
        out.write(bytes, 0, start);
        out.write(0x81);
        out.write(' ');
        out.write(bytes, start, bytes.length - start);
        return out.toByteArray();
    }

    /** How a run is made to fail, besides the sheet's own invalid and duplicate rows. */
    enum Fault {
        ROWS_ONLY, REFUSED_SELLERS, MISSING_FILE, DIRECTORY, NUL_CHARACTER, UNCLOSED_QUOTE, NOT_TEXT,
        NO_REQUIRED_COLUMN, COLLIDING_COLUMNS, BLANK_HEADER
    }

    /**
     * One failing run.
     *
     * @param sheet   the sheet written (after a header fault, the damaged sheet)
     * @param at      where in the file a fault is put
     * @param column  the field whose column was removed or doubled, for header faults
     * @param refused the PostgreSQL condition each refused seller's insert fails with
     */
    record FailingRun(MessySheet sheet, Fault fault, int at, String column, Map<String, String> refused) {

        @Override
        public String toString() {
            return fault + (column == null ? "" : " of " + column) + " at " + at
                    + (refused.isEmpty() ? "" : ", refusing " + refused) + ", sheet:" + sheet;
        }
    }

    /** Expected error log: what it is for, and whether a row of sync_error_logs is it. */
    record Expectation(String description, Predicate<AuditTables.ErrorRow> matches) {

        @Override
        public String toString() {
            return description;
        }
    }

    private static Gen<FailingRun> failingRuns() {
        Gen<MessySheet> sheets = MessySheets.sheets(0, 8);
        Gen<Fault> faults = Generate.frequency(
                Pair.of(3, Generate.constant(Fault.ROWS_ONLY)),
                Pair.of(6, Generate.constant(Fault.REFUSED_SELLERS)),
                Pair.of(1, Generate.constant(Fault.MISSING_FILE)),
                Pair.of(1, Generate.constant(Fault.DIRECTORY)),
                Pair.of(1, Generate.constant(Fault.NUL_CHARACTER)),
                Pair.of(1, Generate.constant(Fault.UNCLOSED_QUOTE)),
                Pair.of(1, Generate.constant(Fault.NOT_TEXT)),
                Pair.of(1, Generate.constant(Fault.NO_REQUIRED_COLUMN)),
                Pair.of(1, Generate.constant(Fault.COLLIDING_COLUMNS)),
                Pair.of(1, Generate.constant(Fault.BLANK_HEADER)));
        Gen<FailingRun> runs = in -> {
            MessySheet sheet = sheets.generate(in);
            Fault fault = faults.generate(in);
            int at = Generate.range(0, 100_000).generate(in);
            Map<String, String> refused = new TreeMap<>();
            switch (fault) {
                case REFUSED_SELLERS -> {
                    // One kind of refusal per batch: which refused row of a batch the database meets first is its
                    // business, and decides between a batch set aside and a failed run.
                    List<List<String>> batches = batches(sheet);
                    int surely = batches.isEmpty() ? -1 : Generate.range(0, batches.size() - 1).generate(in);
                    for (int b = 0; b < batches.size(); b++) {
                        List<String> batch = batches.get(b);
                        int kind = Generate.range(0, 2).generate(in);
                        if (b != surely && kind == 0) {
                            continue;
                        }
                        List<String> conditions = kind == 2 ? PERMANENT : TRANSIENT;
                        int first = Generate.range(0, batch.size() - 1).generate(in);
                        for (int i = 0; i < batch.size(); i++) {
                            boolean refuse = i == first || Generate.range(1, 3).generate(in) == 1;
                            String condition = Generate.pick(conditions).generate(in);
                            if (refuse) {
                                refused.put(batch.get(i), condition);
                            }
                        }
                    }
                    return new FailingRun(sheet, fault, at, null, refused);
                }
                case NO_REQUIRED_COLUMN -> {
                    String field = Generate.pick(REQUIRED).generate(in);
                    return new FailingRun(withoutColumn(sheet, field), fault, at, field, refused);
                }
                case COLLIDING_COLUMNS -> {
                    List<String> mapped = sheet.fields().stream().filter(Objects::nonNull).toList();
                    String field = Generate.pick(mapped).generate(in);
                    String alias = Generate.pick(MessySheets.ALIASES.get(field)).generate(in);
                    return new FailingRun(withColumn(sheet, alias, field), fault, at, field, refused);
                }
                case BLANK_HEADER -> {
                    List<String> blank = sheet.header().stream().map(header -> "").toList();
                    return new FailingRun(new MessySheet(blank, sheet.fields(), sheet.rows()), fault, at, null,
                            refused);
                }
                default -> {
                    return new FailingRun(sheet, fault, at, null, refused);
                }
            }
        };
        return runs.describedAs(FailingRun::toString);
    }

    /**
     * The sellers of the sheet in the batches a run writes them in: in sheet order (each at its winning row),
     * SYNC_BATCH_SIZE at a time.
     */
    private static List<List<String>> batches(MessySheet sheet) {
        List<String> sellers = sheet.winningRows().entrySet().stream().sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).toList();
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < sellers.size(); from += BATCH_SIZE) {
            batches.add(sellers.subList(from, Math.min(from + BATCH_SIZE, sellers.size())));
        }
        return batches;
    }

    /** The sheet without the column of {@code field}, in its header and in every row. */
    private static MessySheet withoutColumn(MessySheet sheet, String field) {
        int column = sheet.fields().indexOf(field);
        List<String> header = new ArrayList<>(sheet.header());
        header.remove(column);
        List<String> fields = new ArrayList<>(sheet.fields());
        fields.remove(column);
        List<MessyRow> rows = new ArrayList<>();
        for (MessyRow row : sheet.rows()) {
            List<String> cells = new ArrayList<>(row.cells());
            if (column < cells.size()) {
                cells.remove(column);
            }
            rows.add(new MessyRow(cells, row.kind(), row.intended(), row.defect()));
        }
        return new MessySheet(header, fields, rows);
    }

    /** The sheet with one more column at the right, headed by another alias of {@code field}, empty in every row. */
    private static MessySheet withColumn(MessySheet sheet, String alias, String field) {
        List<String> header = new ArrayList<>(sheet.header());
        header.add(alias);
        List<String> fields = new ArrayList<>(sheet.fields());
        fields.add(field);
        return new MessySheet(header, fields, sheet.rows());
    }
}
