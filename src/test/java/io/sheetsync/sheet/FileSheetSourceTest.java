package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTWorkbook;

import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.CraftedXlsx;

class FileSheetSourceTest {

    private static final List<String> SAMPLE_HEADER = List.of("売主番号", "氏名", "反響日", "電話番号", "メールアドレス",
            "住所", "状況", "物件所在地", "物件種別", "土地面積", "建物面積", "最終更新日時");

    @TempDir
    Path dir;

    @Nested
    class Csv {

        @Test
        void quoted_cells_keep_their_commas_quotes_and_line_breaks_and_stay_one_row() throws IOException {
            Path file = write("sellers.csv", """
                    売主番号,氏名,備考
                    AA10001,"山田, 太郎","He said ""hi""
                    on two lines"
                    AA10002,🏠 佐藤 花子 👍,'; DROP TABLE sellers;--
                    """, StandardCharsets.UTF_8);

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).containsExactly("売主番号", "氏名", "備考");
            assertThat(sheet.rows()).containsExactly(
                    new SheetRow(2, List.of("AA10001", "山田, 太郎", "He said \"hi\"\non two lines")),
                    new SheetRow(3, List.of("AA10002", "🏠 佐藤 花子 👍", "'; DROP TABLE sellers;--")));
        }

        @Test
        void windows_line_endings_are_record_separators_but_kept_inside_quoted_cells() throws IOException {
            Path file = write("sellers.csv", "seller_number,note\r\nAA1,\"a\r\nb\"\r\nAA2,c\r\n", StandardCharsets.UTF_8);

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.rows()).containsExactly(
                    new SheetRow(2, List.of("AA1", "a\r\nb")),
                    new SheetRow(3, List.of("AA2", "c")));
        }

        @Test
        void cells_are_not_trimmed_and_short_rows_are_not_padded() throws IOException {
            Path file = write("sellers.csv", "a,b,c\n  AA1 ,x\n", StandardCharsets.UTF_8);

            assertThat(sourceFor(file).fetch().rows())
                    .containsExactly(new SheetRow(2, List.of("  AA1 ", "x")));
        }

        @Test
        void a_utf8_byte_order_mark_does_not_end_up_in_the_first_header() throws IOException {
            Path file = write("sellers.csv", "\uFEFF売主番号,氏名\nAA10001,山田 太郎\n", StandardCharsets.UTF_8);

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).containsExactly("売主番号", "氏名");
            assertThat(sheet.rows()).containsExactly(new SheetRow(2, List.of("AA10001", "山田 太郎")));
        }

        @Test
        void a_shift_jis_export_from_japanese_excel_is_read_without_garbling() throws IOException {
            Path file = write("sellers.csv", "売主番号,氏名,住所\nAA10049,髙橋 良子,大阪府吹田市千里山西２丁目４－１６ ㈱テスト①～\n",
                    Charset.forName("windows-31j"));

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).containsExactly("売主番号", "氏名", "住所");
            assertThat(sheet.rows()).containsExactly(
                    new SheetRow(2, List.of("AA10049", "髙橋 良子", "大阪府吹田市千里山西２丁目４－１６ ㈱テスト①～")));
        }

        @Test
        void a_file_in_neither_utf8_nor_shift_jis_is_refused_with_what_to_do() throws IOException {
            Path file = dir.resolve("sellers.csv");
            Files.write(file, new byte[] {'a', ',', 'b', '\n', (byte) 0x80, (byte) 0xFF, '\n'});

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("neither UTF-8 nor Shift_JIS")
                    .hasMessageContaining("export the sheet again");
        }

        @Test
        void blank_lines_between_rows_keep_the_row_numbers_of_the_rows_after_them() throws IOException {
            Path file = write("sellers.csv", "seller_number,name\nAA1,a\n\n,\nAA4,\"multi\nline\"\nAA5,e\n\n\n",
                    StandardCharsets.UTF_8);

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.rows()).extracting(SheetRow::rowNumber).containsExactly(2, 3, 4, 5, 6);
            assertThat(sheet.rows()).extracting(SheetRow::isBlank).containsExactly(false, true, true, false, false);
            assertThat(sheet.rows().get(4).cells()).containsExactly("AA5", "e");
        }

        @Test
        void a_header_without_rows_gives_the_header_and_no_rows() throws IOException {
            Path file = write("sellers.csv", "seller_number,name,inquiry_date\n", StandardCharsets.UTF_8);

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).containsExactly("seller_number", "name", "inquiry_date");
            assertThat(sheet.rows()).isEmpty();
        }

        @Test
        void an_empty_file_has_no_header_row() throws IOException {
            Path file = write("sellers.csv", "", StandardCharsets.UTF_8);

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).isEmpty();
            assertThat(sheet.rows()).isEmpty();
        }

        @Test
        void a_file_of_blank_lines_has_no_header_row() throws IOException {
            Path file = write("sellers.csv", "\uFEFF\n\n  \n", StandardCharsets.UTF_8);

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).isEmpty();
            assertThat(sheet.rows()).isEmpty();
        }

        @Test
        void a_blank_first_line_means_no_header_row_while_the_rows_below_keep_their_numbers() throws IOException {
            Path file = write("sellers.csv", ",,\nAA1,a,2024-01-01\n", StandardCharsets.UTF_8);

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).isEmpty();
            assertThat(sheet.rows()).containsExactly(new SheetRow(2, List.of("AA1", "a", "2024-01-01")));
        }

        @Test
        void an_unclosed_quote_is_reported_as_invalid_csv_not_read_as_a_shorter_sheet() throws IOException {
            Path file = write("sellers.csv", "seller_number,name\nAA1,\"unclosed\nAA2,b\n", StandardCharsets.UTF_8);

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("not valid CSV");
        }

        @Test
        void upper_case_extensions_are_recognised() throws IOException {
            Path file = write("SELLERS.CSV", "a\nb\n", StandardCharsets.UTF_8);

            assertThat(sourceFor(file).fetch().rows()).containsExactly(new SheetRow(2, List.of("b")));
        }
    }

    @Nested
    class Xlsx {

        @Test
        void cells_read_like_the_sheets_api_unformatted_values() throws IOException {
            Path file = workbook("sellers.xlsx", wb -> {
                Sheet sheet = wb.createSheet("Sellers");
                CellStyle dateStyle = wb.createCellStyle();
                dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
                CellStyle dateTimeStyle = wb.createCellStyle();
                dateTimeStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
                CellStyle areaStyle = wb.createCellStyle();
                areaStyle.setDataFormat(wb.createDataFormat().getFormat("#,##0.000"));

                row(sheet, 0, "売主番号", "氏名", "反響日", "更新", "土地面積", "電話", "確認", "大きな数", "小さな数");
                Row data = sheet.createRow(1);
                data.createCell(0).setCellValue("AA10001");
                data.createCell(1).setCellValue("山田 太郎");
                Cell inquiry = data.createCell(2);
                inquiry.setCellValue(LocalDate.of(2024, 1, 1));
                inquiry.setCellStyle(dateStyle);
                Cell updated = data.createCell(3);
                updated.setCellValue(LocalDateTime.of(2024, 1, 1, 12, 0));
                updated.setCellStyle(dateTimeStyle);
                Cell area = data.createCell(4);
                area.setCellValue(120.25);
                area.setCellStyle(areaStyle);
                data.createCell(5).setCellValue(9012345678d);
                data.createCell(6).setCellValue(true);
                data.createCell(7).setCellValue(1e20);
                data.createCell(8).setCellValue(0.0015);
            });

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).containsExactly("売主番号", "氏名", "反響日", "更新", "土地面積", "電話", "確認",
                    "大きな数", "小さな数");
            assertThat(sheet.rows()).containsExactly(new SheetRow(2, List.of("AA10001", "山田 太郎", "45292", "45292.5",
                    "120.25", "9012345678", "TRUE", "100000000000000000000", "0.0015")));
        }

        @Test
        void formulas_give_their_cached_result_and_errors_become_empty() throws IOException {
            Path file = workbook("sellers.xlsx", wb -> {
                Sheet sheet = wb.createSheet("Sellers");
                row(sheet, 0, "a", "b", "sum", "text", "flag", "error", "after");
                Row data = sheet.createRow(1);
                data.createCell(0).setCellValue(100.5);
                data.createCell(1).setCellValue(20);
                data.createCell(2).setCellFormula("A2+B2");
                data.createCell(3).setCellFormula("\"AA\"&\"10002\"");
                data.createCell(4).setCellFormula("A2>B2");
                data.createCell(5).setCellFormula("1/0");
                data.createCell(6).setCellValue("x");
                wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            });

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.rows()).containsExactly(
                    new SheetRow(2, List.of("100.5", "20", "120.5", "AA10002", "TRUE", "", "x")));
        }

        @Test
        void missing_rows_are_blank_rows_and_missing_cells_are_empty() throws IOException {
            Path file = workbook("sellers.xlsx", wb -> {
                Sheet sheet = wb.createSheet("Sellers");
                row(sheet, 0, "seller_number", "name", "inquiry_date");
                row(sheet, 1, "AA1", "a", "2024-01-01");
                Row sparse = sheet.createRow(4); // Excel row 5; rows 3 and 4 do not exist in the file
                sparse.createCell(0).setCellValue("AA5");
                sparse.createCell(2).setCellValue("2024-01-05");
                sheet.createRow(9).createCell(3).setCellStyle(wb.createCellStyle()); // formatted but empty
            });

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.rows()).containsExactly(
                    new SheetRow(2, List.of("AA1", "a", "2024-01-01")),
                    new SheetRow(3, List.of()),
                    new SheetRow(4, List.of()),
                    new SheetRow(5, List.of("AA5", "", "2024-01-05")));
        }

        @Test
        void the_sheet_titled_like_the_configured_range_is_read() throws IOException {
            Path file = twoSheets("sellers.xlsx", "Archive", "Sellers");

            assertThat(sourceFor(file, "Sellers").fetch().header()).containsExactly("Sellers");
            assertThat(sourceFor(file, "Sellers!A1:L").fetch().header()).containsExactly("Sellers");
            assertThat(sourceFor(file, "'Sellers'!A:L").fetch().header()).containsExactly("Sellers");
            assertThat(sourceFor(file, "sellers").fetch().header()).containsExactly("Sellers");
        }

        @Test
        void a_quoted_japanese_sheet_title_with_spaces_is_found() throws IOException {
            Path file = twoSheets("sellers.xlsx", "集計", "売主 一覧");

            assertThat(sourceFor(file, "'売主 一覧'!A1:L").fetch().header()).containsExactly("売主 一覧");
        }

        @Test
        void without_a_sheet_of_that_title_the_first_sheet_is_read() throws IOException {
            Path file = twoSheets("sellers.xlsx", "Sheet1", "Sheet2");

            assertThat(sourceFor(file, "Sellers").fetch().header()).containsExactly("Sheet1");
        }

        @Test
        void furigana_that_japanese_excel_stores_with_a_name_is_not_part_of_the_name() throws IOException {
            Path file = workbook("sellers.xlsx", wb -> {
                Sheet sheet = wb.createSheet("Sellers");
                row(sheet, 0, "氏名");
                row(sheet, 1, "山田太郎");
            });
            // Excel's IME keeps the reading typed for a name as phonetic runs next to the text
            rewritePart(file, "xl/sharedStrings.xml", xml -> xml.replace("<t>山田太郎</t>",
                    "<t>山田太郎</t><rPh sb=\"0\" eb=\"2\"><t>ヤマダ</t></rPh><rPh sb=\"2\" eb=\"4\"><t>タロウ</t></rPh>"
                            + "<phoneticPr fontId=\"1\"/>"));

            assertThat(sourceFor(file).fetch().rows()).containsExactly(new SheetRow(2, List.of("山田太郎")));
        }

        @Test
        void rows_and_cells_without_references_follow_one_another() throws IOException {
            Path file = workbook("sellers.xlsx", wb -> {
                Sheet sheet = wb.createSheet("Sellers");
                row(sheet, 0, "seller_number", "name");
                row(sheet, 1, "AA1", "a");
                row(sheet, 2, "AA2", "b");
            });
            // some generators leave out the optional r="5" / r="B5" attributes
            rewritePart(file, "xl/worksheets/sheet1.xml", xml -> xml.replaceAll(" r=\"[A-Z]*[0-9]+\"", ""));

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).containsExactly("seller_number", "name");
            assertThat(sheet.rows()).containsExactly(
                    new SheetRow(2, List.of("AA1", "a")),
                    new SheetRow(3, List.of("AA2", "b")));
        }

        @Test
        void rows_listed_out_of_order_are_reported_instead_of_misnumbered() throws IOException {
            Path file = workbook("sellers.xlsx", wb -> {
                Sheet sheet = wb.createSheet("Sellers");
                row(sheet, 0, "seller_number");
                row(sheet, 1, "AA2");
                row(sheet, 2, "AA3");
            });
            rewritePart(file, "xl/worksheets/sheet1.xml", xml -> xml.replace("<row r=\"3\"", "<row r=\"2\""));

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining("lists row 2 after row 2");
        }

        @Test
        void control_characters_escaped_by_excel_are_restored() throws IOException {
            Path file = workbook("sellers.xlsx", wb -> {
                Sheet sheet = wb.createSheet("Sellers");
                row(sheet, 0, "備考");
                row(sheet, 1, "PLACEHOLDER");
            });
            rewritePart(file, "xl/sharedStrings.xml", xml -> xml.replace("PLACEHOLDER", "一行目_x000D_\n二行目"));

            assertThat(sourceFor(file).fetch().rows()).containsExactly(new SheetRow(2, List.of("一行目\r\n二行目")));
        }

        @Test
        void inline_strings_written_by_streaming_writers_are_read() throws IOException {
            Path file = dir.resolve("streamed.xlsx");
            try (SXSSFWorkbook wb = new SXSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
                Sheet sheet = wb.createSheet("Sellers");
                row(sheet, 0, "売主番号", "備考");
                row(sheet, 1, "AA10001", "改行\nあり");
                wb.write(out);
                wb.dispose();
            }

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).containsExactly("売主番号", "備考");
            assertThat(sheet.rows()).containsExactly(new SheetRow(2, List.of("AA10001", "改行\nあり")));
        }

        @Test
        void date_cells_of_a_1904_workbook_get_the_same_serial_as_in_sheets() throws IOException {
            Path file = workbook("mac.xlsx", wb -> {
                CTWorkbook workbook = ((XSSFWorkbook) wb).getCTWorkbook();
                (workbook.isSetWorkbookPr() ? workbook.getWorkbookPr() : workbook.addNewWorkbookPr()).setDate1904(true);
                Sheet sheet = wb.createSheet("Sellers");
                CellStyle dateStyle = wb.createCellStyle();
                dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
                row(sheet, 0, "反響日", "土地面積");
                Row data = sheet.createRow(1);
                Cell inquiry = data.createCell(0);
                inquiry.setCellValue(LocalDate.of(2024, 1, 1));
                inquiry.setCellStyle(dateStyle);
                data.createCell(1).setCellValue(120.25);
            });

            assertThat(sourceFor(file).fetch().rows()).containsExactly(new SheetRow(2, List.of("45292", "120.25")));
        }

        @Test
        void an_empty_xlsx_file_has_no_header_row() throws IOException {
            Path file = write("sellers.xlsx", "", StandardCharsets.UTF_8);

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).isEmpty();
            assertThat(sheet.rows()).isEmpty();
        }

        @Test
        void a_workbook_with_an_empty_sheet_has_no_header_row() throws IOException {
            Path file = workbook("sellers.xlsx", wb -> wb.createSheet("Sellers"));

            SheetData sheet = sourceFor(file).fetch();

            assertThat(sheet.header()).isEmpty();
            assertThat(sheet.rows()).isEmpty();
        }

        @Test
        void a_file_that_is_not_a_workbook_is_reported_as_a_corrupt_xlsx() throws IOException {
            Path file = write("sellers.xlsx", "seller_number,name\nAA1,a\n", StandardCharsets.UTF_8);

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("could not be read as an XLSX workbook")
                    .hasMessageContaining("save it again as .xlsx");
        }

        @Test
        void a_truncated_workbook_is_reported_as_a_corrupt_xlsx() throws IOException {
            Path whole = twoSheets("whole.xlsx", "Sellers", "Other");
            byte[] bytes = Files.readAllBytes(whole);
            Path file = dir.resolve("sellers.xlsx");
            Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining("could not be read as an XLSX workbook");
        }

        @Test
        void an_old_xls_workbook_renamed_to_xlsx_is_named_as_such() throws IOException {
            Path file = dir.resolve("sellers.xlsx");
            try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
                row(wb.createSheet("Sellers"), 0, "seller_number");
                wb.write(out);
            }

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining("Excel 97-2003 (.xls)");
        }

        @Test
        void reading_a_workbook_leaves_the_file_untouched() throws IOException {
            Path file = twoSheets("sellers.xlsx", "Sellers", "Other");
            byte[] before = Files.readAllBytes(file);

            sourceFor(file).fetch();

            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
    }

    @Nested
    class Problems {

        @Test
        void a_missing_file_is_reported_with_its_path_and_the_setting_to_check() {
            Path file = dir.resolve("nowhere/sellers.csv");

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("not found")
                    .hasMessageContaining("SYNC_FILE_PATH");
        }

        @Test
        void a_relative_missing_path_says_where_it_was_looked_for() {
            Path file = Path.of("no-such-dir/sellers.csv");

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining("relative path is resolved from " + Path.of("").toAbsolutePath());
        }

        @Test
        void a_directory_is_not_taken_for_the_export() throws IOException {
            Path folder = Files.createDirectory(dir.resolve("export.csv"));

            assertThatThrownBy(() -> sourceFor(folder).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining("not a regular file");
        }

        @Test
        void an_unsupported_extension_is_reported_with_the_formats_that_work() throws IOException {
            Path csv = write("sellers.csv", "a\n", StandardCharsets.UTF_8);
            ConfigProvider provider = providerFor(csv, "Sellers");
            provider.replace(withFilePath(provider.current(), write("sellers.xls", "a\n", StandardCharsets.UTF_8)));
            FileSheetSource source = new FileSheetSource(provider);

            assertThatThrownBy(source::fetch)
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageContaining("sellers.xls")
                    .hasMessageContaining("not a .csv or .xlsx file")
                    .hasMessageContaining("save the .xls workbook as .xlsx");
        }
    }

    @Test
    void each_fetch_reads_the_file_configured_at_that_moment() throws IOException {
        Path first = write("first.csv", "seller_number\nAA1\n", StandardCharsets.UTF_8);
        Path second = write("second.csv", "seller_number\nAA2\n", StandardCharsets.UTF_8);
        ConfigProvider provider = providerFor(first, "Sellers");
        FileSheetSource source = new FileSheetSource(provider);
        assertThat(source.fetch().rows()).containsExactly(new SheetRow(2, List.of("AA1")));

        provider.replace(withFilePath(provider.current(), second));

        assertThat(source.fetch().rows()).containsExactly(new SheetRow(2, List.of("AA2")));
        assertThat(source.describe()).isEqualTo("file " + second);
    }

    @Test
    void describe_names_the_file() {
        assertThat(sourceFor(Path.of("samples/sellers.csv")).describe()).isEqualTo("file samples/sellers.csv");
    }

    @Nested
    class Sample {

        private final SheetData sample = sourceFor(Path.of("samples/sellers.csv")).fetch();

        @Test
        void the_sample_has_the_japanese_header_and_about_fifty_sellers() {
            assertThat(sample.header()).isEqualTo(SAMPLE_HEADER);
            assertThat(sample.rows()).hasSize(50);
            assertThat(sample.rows()).extracting(SheetRow::rowNumber).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(2, 51).boxed().toList());
            assertThat(sample.rows()).allSatisfy(row -> assertThat(row.cells()).hasSize(SAMPLE_HEADER.size()));
        }

        @Test
        void the_sample_contains_the_seller_who_once_went_missing() {
            assertThat(sample.rows()).extracting(row -> row.cell(0)).contains("AA12679");
        }

        @Test
        void every_sample_row_has_a_valid_unique_seller_number_a_name_and_an_inquiry_date() {
            Pattern key = Pattern.compile("^AA\\d+$");
            Set<String> seen = new HashSet<>();
            for (SheetRow row : sample.rows()) {
                String number = Normalizer.normalize(row.cell(0), Normalizer.Form.NFKC).trim().toUpperCase();
                assertThat(number).as("row %d", row.rowNumber()).matches(key);
                assertThat(seen.add(number)).as("row %d duplicates %s", row.rowNumber(), number).isTrue();
                assertThat(row.cell(1)).as("row %d name", row.rowNumber()).isNotBlank();
                assertThat(isDate(row.cell(2))).as("row %d inquiry date '%s'", row.rowNumber(), row.cell(2)).isTrue();
            }
        }

        @Test
        void the_sample_mixes_the_accepted_date_formats_and_full_width_digits() {
            List<String> dates = sample.rows().stream().map(row -> row.cell(2)).toList();
            assertThat(dates).anyMatch(d -> d.matches("\\d{4}-\\d{2}-\\d{2}"))
                    .anyMatch(d -> d.matches("\\d{4}/\\d{1,2}/\\d{1,2}"))
                    .anyMatch(d -> d.matches("\\d{4}年\\d{1,2}月\\d{1,2}日"));
            assertThat(sample.rows()).anyMatch(row -> row.cell(0).startsWith("ＡＡ"));
        }

        @Test
        void about_a_third_of_the_sample_has_no_property_data_and_the_areas_are_numbers() {
            long withoutProperty = sample.rows().stream()
                    .filter(row -> row.cells().subList(7, 11).stream().allMatch(String::isEmpty))
                    .count();
            assertThat(withoutProperty).isBetween(12L, 22L);
            assertThat(sample.rows()).flatExtracting(row -> List.of(row.cell(9), row.cell(10)))
                    .allMatch(area -> area.isEmpty() || area.matches("\\d+(\\.\\d+)?"));
        }

        @Test
        void the_sample_is_utf8_without_a_byte_order_mark() throws IOException {
            byte[] bytes = Files.readAllBytes(Path.of("samples/sellers.csv"));

            assertThat(new String(bytes, 0, 3, StandardCharsets.UTF_8)).isEqualTo("売");
        }

        private boolean isDate(String text) {
            for (String pattern : List.of("uuuu-MM-dd", "uuuu/M/d", "uuuu年M月d日")) {
                try {
                    LocalDate.parse(text, DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT));
                    return true;
                } catch (java.time.format.DateTimeParseException e) {
                    // try the next accepted format
                }
            }
            return false;
        }
    }

    @Nested
    class Limits {

        @Test
        void a_file_larger_than_the_configured_maximum_is_refused_before_it_is_read() throws IOException {
            Path file = write("sellers.csv", "seller_number\nAA1\n", StandardCharsets.UTF_8);
            FileSheetSource source = new FileSheetSource(new ConfigProvider(SyncConfig.load(
                    Map.of("SYNC_FILE_PATH", file.toString(), "SYNC_FILE_MAX_BYTES", "10"), new Properties())));

            assertThatThrownBy(source::fetch)
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessage("sheet file " + file + " is 18 bytes, more than SYNC_FILE_MAX_BYTES (10); raise the"
                            + " setting if the export is really that large");
        }

        @Test
        void an_xlsx_row_numbered_past_the_last_row_of_a_sheet_is_refused() throws IOException {
            Path file = CraftedXlsx.withSheetXml(dir.resolve("far.xlsx"), xml -> {
                xml.write(CraftedXlsx.row(1, "seller_number"));
                xml.write(CraftedXlsx.row(2_000_000, "AA1"));
            });

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessage("sheet file " + file + " has row 2000000, beyond the 1,048,576 rows a sheet can have");
        }

        @Test
        void an_xlsx_row_number_past_any_integer_is_refused_as_a_row_past_the_last() throws IOException {
            Path file = CraftedXlsx.withSheetXml(dir.resolve("far.xlsx"),
                    xml -> xml.write(CraftedXlsx.row(99_999_999_999L, "AA1")));

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .hasMessageContaining("has row 99999999999, beyond the 1,048,576 rows");
        }

        @Test
        void an_xlsx_cell_past_the_last_column_is_refused_before_the_row_is_padded_to_it() throws IOException {
            Path far = CraftedXlsx.withSheetXml(dir.resolve("wide.xlsx"), xml -> xml.write(
                    "<row r=\"1\"><c r=\"XFE1\" t=\"inlineStr\"><is><t>h</t></is></c></row>"));
            Path farther = CraftedXlsx.withSheetXml(dir.resolve("wider.xlsx"), xml -> xml.write(
                    "<row r=\"1\"><c r=\"ZZZZZZZ1\" t=\"inlineStr\"><is><t>h</t></is></c></row>"));

            assertThatThrownBy(() -> sourceFor(far).fetch())
                    .hasMessageEndingWith("has a cell in column 16385, beyond the 16,384 columns a sheet can have");
            assertThatThrownBy(() -> sourceFor(farther).fetch())
                    .hasMessageEndingWith("beyond the 16,384 columns a sheet can have");
        }

        @Test
        void a_csv_row_wider_than_a_sheet_is_refused() throws IOException {
            Path file = write("wide.csv", "h" + ",".repeat(16_384) + "\n", StandardCharsets.UTF_8);

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageEndingWith("has a cell in column 16385, beyond the 16,384 columns a sheet can have");
        }

        @Test
        void a_zip_bomb_of_a_few_kilobytes_is_refused_by_the_sizes_it_declares() throws IOException {
            Path file = CraftedXlsx.bomb(dir.resolve("bomb.xlsx"), 5_000_000);
            assertThat(Files.size(file)).as("the bomb's size").isLessThan(40_000);

            assertThatThrownBy(() -> sourceFor(file).fetch())
                    .isInstanceOf(SheetUnavailableException.class)
                    .hasMessageStartingWith("sheet file " + file + " looks like a zip bomb: its part"
                            + " xl/worksheets/sheet1.xml would expand from ")
                    .hasMessageEndingWith(" bytes, more than 100 times; export the sheet again");
        }
    }

    // --- fixtures -------------------------------------------------------------------------------------------------

    private Path write(String name, String content, Charset charset) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(charset));
    }

    private Path workbook(String name, Consumer<Workbook> fill) throws IOException {
        Path file = dir.resolve(name);
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            fill.accept(wb);
            wb.write(out);
        }
        return file;
    }

    /** A workbook whose sheets hold their own title as header, so a test sees which one was read. */
    private Path twoSheets(String name, String first, String second) throws IOException {
        return workbook(name, wb -> {
            row(wb.createSheet(first), 0, first);
            row(wb.createSheet(second), 0, second);
        });
    }

    /** Edits one part of a saved workbook in place, to make XML that POI's writer does not produce. */
    private static void rewritePart(Path file, String part, UnaryOperator<String> edit) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(file)) {
            Path entry = zip.getPath(part);
            String xml = Files.readString(entry);
            String edited = edit.apply(xml);
            assertThat(edited).as("edit of %s", part).isNotEqualTo(xml);
            Files.writeString(entry, edited);
        }
    }

    private static void row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    private FileSheetSource sourceFor(Path file) {
        return sourceFor(file, "Sellers");
    }

    private FileSheetSource sourceFor(Path file, String range) {
        return new FileSheetSource(providerFor(file, range));
    }

    private static ConfigProvider providerFor(Path file, String range) {
        return new ConfigProvider(SyncConfig.load(Map.of("SYNC_FILE_PATH", file.toString(), "SYNC_SHEETS_RANGE", range),
                new Properties()));
    }

    /** The same configuration with another file, bypassing load-time checks to reach the source's own. */
    private static SyncConfig withFilePath(SyncConfig c, Path file) {
        return new SyncConfig(c.database(), c.sheets(), file, c.mappingFile(), c.intervalMinutes(), c.httpPort(),
                c.tokens(), c.mail(), c.maxShrinkPercent(), c.runTimeoutMinutes(), c.auditLogUnchanged(),
                c.batchSize(), c.batchWriters(), c.dataDir(), c.timeZone(), c.scheduleEnabled(), c.alerts(),
                c.recovery(),
                c.degradationFactor(), c.retention(), c.inputLimits());
    }
}
