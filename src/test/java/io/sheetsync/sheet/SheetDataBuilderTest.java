package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SheetDataBuilderTest {

    @Test
    void row_one_is_the_header_and_the_rest_are_data_rows() throws Exception {
        SheetDataBuilder builder = new SheetDataBuilder();
        builder.add(1, List.of("seller_number"));
        builder.add(2, List.of("AA1"));

        SheetData sheet = builder.build();

        assertThat(sheet.header()).containsExactly("seller_number");
        assertThat(sheet.rows()).containsExactly(new SheetRow(2, List.of("AA1")));
    }

    @Test
    void gaps_and_blank_rows_between_data_rows_become_blank_rows() throws Exception {
        SheetDataBuilder builder = new SheetDataBuilder();
        builder.add(1, List.of("h"));
        builder.add(3, List.of(" ", ""));
        builder.add(5, List.of("AA5"));

        assertThat(builder.build().rows()).containsExactly(
                new SheetRow(2, List.of()),
                new SheetRow(3, List.of()),
                new SheetRow(4, List.of()),
                new SheetRow(5, List.of("AA5")));
    }

    @Test
    void blank_rows_after_the_last_data_row_are_dropped() throws Exception {
        SheetDataBuilder builder = new SheetDataBuilder();
        builder.add(1, List.of("h"));
        builder.add(2, List.of("AA2"));
        builder.add(3, List.of(""));
        builder.add(1_048_576, List.of(" "));

        assertThat(builder.build().rows()).containsExactly(new SheetRow(2, List.of("AA2")));
    }

    @Test
    void a_blank_first_row_means_there_is_no_header_row() throws Exception {
        SheetDataBuilder builder = new SheetDataBuilder();
        builder.add(1, List.of("", " "));
        builder.add(2, List.of("AA2"));

        SheetData sheet = builder.build();

        assertThat(sheet.header()).isEmpty();
        assertThat(sheet.rows()).containsExactly(new SheetRow(2, List.of("AA2")));
    }

    @Test
    void rows_out_of_sheet_order_are_refused() throws Exception {
        SheetDataBuilder builder = new SheetDataBuilder();
        builder.add(1, List.of("h"));
        builder.add(3, List.of("AA3"));

        assertThatThrownBy(() -> builder.add(3, List.of("again")))
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("row 3 after row 3");
    }

    @Test
    void a_row_past_the_last_row_of_a_sheet_is_refused_before_the_rows_up_to_it_are_made() throws Exception {
        SheetDataBuilder builder = new SheetDataBuilder();
        builder.add(1, List.of("h"));
        builder.add(1_048_576, List.of("AA1"));

        assertThatThrownBy(() -> builder.add(Integer.MAX_VALUE, List.of("AA2")))
                .isInstanceOf(ExportLimitException.class)
                .hasMessage("has row 2147483647, beyond the 1,048,576 rows a sheet can have");
    }

    @Test
    void a_row_wider_than_a_sheet_is_refused() {
        SheetDataBuilder builder = new SheetDataBuilder();

        assertThatThrownBy(() -> builder.add(1, java.util.Collections.nCopies(16_385, "h")))
                .isInstanceOf(ExportLimitException.class)
                .hasMessage("has a cell in column 16385, beyond the 16,384 columns a sheet can have");
    }

    @Test
    void more_cells_than_a_google_spreadsheet_holds_are_refused_blank_ones_included() throws Exception {
        SheetDataBuilder builder = new SheetDataBuilder();
        List<String> fullWidth = java.util.Collections.nCopies(16_384, "");
        for (int row = 1; row <= 610; row++) { // 9,994,240 cells
            builder.add(row, fullWidth);
        }

        assertThatThrownBy(() -> builder.add(611, fullWidth))
                .isInstanceOf(ExportLimitException.class)
                .hasMessage("has more than 10,000,000 cells, the most a Google spreadsheet can hold");
    }
}
