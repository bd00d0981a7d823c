package io.sheetsync.sheet;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A fetch with a receiver hands the chunks on row by row (issue 11): the receiver hears exactly what it would have
 * heard from the assembled sheet, whatever the chunking, without the sheet ever being assembled.
 */
class SheetStreamTest {

    @Test
    void a_receiver_hears_the_header_then_each_row_with_a_cell_as_from_the_assembled_sheet() {
        Recorder streamed = new Recorder();
        SheetStream stream = new SheetStream(1, streamed);
        SheetAssembler assembler = new SheetAssembler(1);
        List<List<List<?>>> chunks = List.of(
                List.of(List.of("seller_number", "name"), List.of("AA1", "Sato"), List.of()),
                List.of(List.of(""), List.of("AA5", 42)),
                List.of());
        int firstRow = 1;
        for (List<List<?>> chunk : chunks) {
            stream.add(firstRow, chunk);
            assembler.add(firstRow, chunk);
            firstRow += 3;
        }
        stream.add(firstRow, null); // a chunk the API had no values for

        FetchedSheet result = stream.result();
        Recorder assembled = new Recorder();
        assembler.result().deliverTo(assembled);

        assertThat(streamed.heard).isEqualTo(assembled.heard);
        assertThat(streamed.heard).containsExactly("begin", "header [seller_number, name]", "row 2 [AA1, Sato]",
                "row 4 []", "row 5 [AA5, 42]", "end 4");
        assertThat(result).isSameAs(streamed.result);
    }

    @Test
    void a_range_whose_first_row_is_empty_is_heard_as_a_sheet_without_a_header() {
        Recorder receiver = new Recorder();
        SheetStream stream = new SheetStream(3, receiver);
        stream.add(3, List.of(List.of(), List.of("AA1")));
        stream.result();

        assertThat(receiver.heard).containsExactly("begin", "header []", "row 4 [AA1]", "end 1");
    }

    @Test
    void chunks_out_of_sheet_order_are_refused_rather_than_misnumbered() {
        SheetStream stream = new SheetStream(1, new Recorder());
        stream.add(1, List.of(List.of("h"), List.of("AA1"), List.of("AA2")));

        assertThatThrownBy(() -> stream.add(2, List.of(List.of("AA1")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sheet order");
    }

    /** A receiver that writes down what it hears. */
    private static final class Recorder implements SheetReceiver {

        final List<String> heard = new ArrayList<>();
        final FetchedSheet result = () -> -1;

        @Override
        public void begin() {
            heard.add("begin");
        }

        @Override
        public void header(List<String> cells) {
            heard.add("header " + cells);
        }

        @Override
        public void row(SheetRow row) {
            heard.add("row " + row.rowNumber() + " " + row.cells());
        }

        @Override
        public FetchedSheet end(int rowCount) {
            heard.add("end " + rowCount);
            return result;
        }
    }
}
