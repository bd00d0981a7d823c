package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

class CsvExportTest {

    /** Pieces cells are made of: the characters CSV must quote, Japanese, emoji, and text that looks like SQL. */
    private static final List<String> PIECES = List.of("a", "Z", "0", " ", ",", "\"", "\n", "\r\n", "'", ";", "--",
            "売主", "山田", "ｱｲｳ", "　", "①", "😀", "🏠", "DROP TABLE sellers;", "\t", "=1+1", "");

    @Test
    void tables_written_by_a_standard_csv_writer_read_back_cell_for_cell_with_their_row_numbers() throws Exception {
        Random random = new Random(2679);
        for (int table = 0; table < 300; table++) {
            List<List<String>> rows = randomTable(random);
            boolean bom = random.nextBoolean();
            byte[] bytes = ((bom ? "\uFEFF" : "") + print(rows)).getBytes(StandardCharsets.UTF_8);

            SheetData sheet = CsvExport.parse(ExportCharset.decode(bytes).text());

            assertThat(sheet.header()).as("table %d", table).isEqualTo(rows.get(0));
            List<SheetRow> expected = new ArrayList<>();
            for (int i = 1; i < rows.size(); i++) {
                boolean blank = rows.get(i).stream().allMatch(String::isBlank);
                expected.add(new SheetRow(i + 1, blank ? List.of() : rows.get(i)));
            }
            assertThat(sheet.rows()).as("table %d", table).isEqualTo(expected);
        }
    }

    @Test
    void a_record_spanning_several_lines_is_one_row() throws Exception {
        SheetData sheet = CsvExport.parse("h1,h2\n\"a\n\nb\",c\nd,e\n");

        assertThat(sheet.rows()).containsExactly(
                new SheetRow(2, List.of("a\n\nb", "c")),
                new SheetRow(3, List.of("d", "e")));
    }

    @Test
    void the_last_line_may_lack_its_line_break() throws Exception {
        assertThat(CsvExport.parse("h\nAA1").rows()).containsExactly(new SheetRow(2, List.of("AA1")));
    }

    @Test
    void a_stray_character_after_a_closing_quote_is_reported_with_its_line() {
        assertThatThrownBy(() -> CsvExport.parse("h1,h2\nAA1,\"x\"y\n"))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("not valid CSV")
                .hasMessageContaining("line: 2");
    }

    /** A header that is not blank, then rows of which the last is not blank (trailing blank rows are dropped). */
    private static List<List<String>> randomTable(Random random) {
        int width = 1 + random.nextInt(5);
        List<List<String>> rows = new ArrayList<>();
        int height = 1 + random.nextInt(6);
        for (int r = 0; r < height; r++) {
            List<String> row = new ArrayList<>();
            int cells = r == 0 ? width : 1 + random.nextInt(width);
            for (int c = 0; c < cells; c++) {
                row.add(randomCell(random));
            }
            boolean mustHaveData = r == 0 || r == height - 1;
            if (mustHaveData && row.stream().allMatch(String::isBlank)) {
                row.set(0, "x" + r);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String randomCell(Random random) {
        StringBuilder cell = new StringBuilder();
        int pieces = random.nextInt(4);
        for (int i = 0; i < pieces; i++) {
            cell.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return cell.toString();
    }

    private static String print(List<List<String>> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        return out.toString();
    }
}
