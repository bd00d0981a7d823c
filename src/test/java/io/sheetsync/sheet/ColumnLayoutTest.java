package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnLayoutTest {

    private final HeaderMapping mapping = HeaderMapping.builtIn();

    @Test
    void column_letters_follow_the_spreadsheet_convention() {
        assertThat(ColumnLayout.columnLetter(0)).isEqualTo("A");
        assertThat(ColumnLayout.columnLetter(25)).isEqualTo("Z");
        assertThat(ColumnLayout.columnLetter(26)).isEqualTo("AA");
        assertThat(ColumnLayout.columnLetter(51)).isEqualTo("AZ");
        assertThat(ColumnLayout.columnLetter(701)).isEqualTo("ZZ");
        assertThat(ColumnLayout.columnLetter(702)).isEqualTo("AAA");
    }

    @Test
    void raw_pads_a_short_row_with_empty_cells() {
        ColumnLayout layout = mapping.resolve(List.of("seller_number", "name", "inquiry_date", "memo"));

        assertThat(layout.raw(new SheetRow(2, List.of("AA1", "山田"))))
                .containsExactly(entry("seller_number", "AA1"), entry("name", "山田"), entry("inquiry_date", ""),
                        entry("memo", ""));
    }

    @Test
    void raw_keeps_cells_exactly_as_written() {
        ColumnLayout layout = mapping.resolve(List.of("seller_number", "name", "inquiry_date"));

        assertThat(layout.raw(new SheetRow(2, List.of(" ａａ１ ", "山田\n太郎", "2024/5/1"))))
                .containsExactly(entry("seller_number", " ａａ１ "), entry("name", "山田\n太郎"),
                        entry("inquiry_date", "2024/5/1"));
    }

    @Test
    void raw_keeps_non_blank_cells_right_of_the_header_under_their_column_letter() {
        ColumnLayout layout = mapping.resolve(List.of("seller_number", "name", "inquiry_date"));

        assertThat(layout.raw(new SheetRow(2, List.of("AA1", "山田", "2024-05-01", "", "note", " "))))
                .containsExactly(entry("seller_number", "AA1"), entry("name", "山田"),
                        entry("inquiry_date", "2024-05-01"), entry("column E", "note"));
    }

    @Test
    void cell_of_an_unmapped_field_is_empty() {
        ColumnLayout layout = mapping.resolve(List.of("seller_number", "name", "inquiry_date"));

        assertThat(layout.columnOf(SheetField.PHONE)).isEqualTo(-1);
        assertThat(layout.cell(new SheetRow(2, List.of("AA1", "山田", "2024-05-01")), SheetField.PHONE)).isEmpty();
    }
}
