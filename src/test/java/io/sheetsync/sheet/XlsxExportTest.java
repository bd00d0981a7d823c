package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class XlsxExportTest {

    @Test
    void a_plain_range_is_a_sheet_title() {
        assertThat(XlsxExport.sheetTitle("Sellers")).isEqualTo("Sellers");
        assertThat(XlsxExport.sheetTitle(" 売主一覧 ")).isEqualTo("売主一覧");
    }

    @Test
    void the_title_is_the_part_before_the_exclamation_mark_of_an_a1_range() {
        assertThat(XlsxExport.sheetTitle("Sellers!A1:L")).isEqualTo("Sellers");
        assertThat(XlsxExport.sheetTitle("Sellers!A:L")).isEqualTo("Sellers");
    }

    @Test
    void quoted_titles_are_unquoted_with_doubled_quotes_kept_once() {
        assertThat(XlsxExport.sheetTitle("'売主 一覧'!A1:L")).isEqualTo("売主 一覧");
        assertThat(XlsxExport.sheetTitle("'It''s!'!A1")).isEqualTo("It's!");
    }

    @Test
    void a_blank_range_names_no_sheet() {
        assertThat(XlsxExport.sheetTitle("  ")).isNull();
        assertThat(XlsxExport.sheetTitle(null)).isNull();
    }

    @Test
    void an_exact_title_wins_over_one_that_differs_in_case() throws Exception {
        List<XlsxExport.Worksheet> sheets = List.of(sheet("Archive"), sheet("SELLERS"), sheet("Sellers"));

        assertThat(XlsxExport.choose(sheets, "Sellers").title()).isEqualTo("Sellers");
        assertThat(XlsxExport.choose(sheets, "sellers").title()).isEqualTo("SELLERS");
        assertThat(XlsxExport.choose(sheets, "Missing").title()).isEqualTo("Archive");
        assertThat(XlsxExport.choose(sheets, null).title()).isEqualTo("Archive");
    }

    @Test
    void a_workbook_without_worksheets_is_refused() {
        assertThatThrownBy(() -> XlsxExport.choose(List.of(), "Sellers"))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("no worksheet");
    }

    private static XlsxExport.Worksheet sheet(String title) {
        return new XlsxExport.Worksheet(title, null);
    }
}
