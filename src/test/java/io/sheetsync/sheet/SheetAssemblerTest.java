package io.sheetsync.sheet;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SheetAssemblerTest {

    @Test
    void the_first_row_is_the_header_and_data_rows_keep_their_sheet_row_numbers() {
        SheetAssembler assembler = new SheetAssembler(1);
        assembler.add(1, List.of(List.of("seller_number", "name"), List.of("AA1", "Sato"), List.of("AA2")));

        SheetData data = assembler.result();

        assertThat(data.header()).containsExactly("seller_number", "name");
        assertThat(data.rows()).containsExactly(new SheetRow(2, List.of("AA1", "Sato")), new SheetRow(3, List.of("AA2")));
    }

    @Test
    void empty_rows_in_the_middle_come_out_as_blank_rows() {
        SheetAssembler assembler = new SheetAssembler(1);
        assembler.add(1, List.of(List.of("h"), List.of("AA1"), List.of(), List.of(""), List.of("AA5")));

        SheetData data = assembler.result();

        assertThat(data.rows()).extracting(SheetRow::rowNumber).containsExactly(2, 3, 4, 5);
        assertThat(data.rows().get(1).isBlank()).isTrue();
        assertThat(data.rows().get(2).isBlank()).isTrue();
        assertThat(data.rows().get(3).cells()).containsExactly("AA5");
    }

    @Test
    void rows_missing_between_chunks_are_blank_rows_so_chunking_never_changes_the_result() {
        SheetAssembler chunked = new SheetAssembler(1);
        chunked.add(1, List.of(List.of("h"), List.of("AA1")));
        chunked.add(4, null); // rows 4-6 empty: the API sends no values at all
        chunked.add(7, List.of(List.of(), List.of("AA8")));
        SheetAssembler whole = new SheetAssembler(1);
        whole.add(1, List.of(List.of("h"), List.of("AA1"), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("AA8")));

        assertThat(chunked.result()).isEqualTo(whole.result());
        assertThat(chunked.result().rows()).extracting(SheetRow::rowNumber).containsExactly(2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void trailing_empty_rows_are_not_reported() {
        SheetAssembler assembler = new SheetAssembler(1);
        assembler.add(1, List.of(List.of("h"), List.of("AA1")));
        assembler.add(3, List.of(List.of(), List.of()));

        assertThat(assembler.result().rows()).containsExactly(new SheetRow(2, List.of("AA1")));
    }

    @Test
    void a_range_starting_lower_down_takes_its_header_from_its_first_row() {
        SheetAssembler assembler = new SheetAssembler(5);
        assembler.add(5, List.of(List.of("seller_number"), List.of("AA1")));

        SheetData data = assembler.result();

        assertThat(data.header()).containsExactly("seller_number");
        assertThat(data.rows()).containsExactly(new SheetRow(6, List.of("AA1")));
    }

    @Test
    void an_empty_sheet_has_no_header_and_no_rows() {
        SheetAssembler assembler = new SheetAssembler(1);
        assembler.add(1, null);

        assertThat(assembler.result().header()).isEmpty();
        assertThat(assembler.result().rows()).isEmpty();
    }

    @Test
    void typed_values_are_converted_to_text() {
        SheetAssembler assembler = new SheetAssembler(1);
        assembler.add(1, List.of(List.of("n", "d", "b"), List.of(new BigDecimal("45292.50"), new BigDecimal("45292"),
                true)));

        assertThat(assembler.result().rows().get(0).cells()).containsExactly("45292.5", "45292", "TRUE");
    }
}
