package io.sheetsync.sheet;

import io.sheetsync.sheet.SheetChunkPlanner.Chunk;
import io.sheetsync.sheet.SheetChunkPlanner.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SheetChunkPlannerTest {

    @Test
    void a_small_sheet_is_read_in_one_range_covering_its_grid() {
        Plan plan = SheetChunkPlanner.plan(SheetRange.parse("Sellers"), new SheetGrid("Sellers", 1000, 26), 0);

        assertThat(plan.batches()).hasSize(1);
        assertThat(plan.chunks()).containsExactly(new Chunk(1, 1000, "Sellers!A1:Z1000"));
        assertThat(plan.headerRow()).isEqualTo(1);
    }

    @Test
    void an_open_ended_range_stops_at_the_last_row_of_the_grid() {
        Plan plan = SheetChunkPlanner.plan(SheetRange.parse("Sellers!A1:L"), new SheetGrid("Sellers", 300, 26), 0);

        assertThat(plan.chunks()).extracting(Chunk::a1).containsExactly("Sellers!A1:L300");
    }

    @Test
    void a_range_larger_than_the_grid_is_clipped_to_it() {
        Plan plan = SheetChunkPlanner.plan(SheetRange.parse("Sellers!A1:AZ5000"), new SheetGrid("Sellers", 120, 10), 0);

        assertThat(plan.chunks()).extracting(Chunk::a1).containsExactly("Sellers!A1:J120");
        assertThat(plan.lastRow()).isEqualTo(120);
        assertThat(plan.lastColumn()).isEqualTo(10);
    }

    @Test
    void the_first_row_of_the_range_is_the_header_row() {
        Plan plan = SheetChunkPlanner.plan(SheetRange.parse("'売主 一覧'!B2:H500"), new SheetGrid("売主 一覧", 1000, 26),
                0);

        assertThat(plan.headerRow()).isEqualTo(2);
        assertThat(plan.chunks()).extracting(Chunk::a1).containsExactly("'売主 一覧'!B2:H500");
    }

    @Test
    void chunk_ranges_use_the_title_from_the_metadata_quoted_as_needed() {
        Plan plan = SheetChunkPlanner.plan(SheetRange.parse("A1:C"), new SheetGrid("It's here", 10, 3), 4);

        assertThat(plan.chunks()).extracting(Chunk::a1)
                .containsExactly("'It''s here'!A1:C4", "'It''s here'!A5:C8", "'It''s here'!A9:C10");
    }

    @Test
    void explicit_chunk_rows_split_the_range_and_several_chunks_share_a_batch_within_the_budget() {
        Plan plan = SheetChunkPlanner.plan(SheetRange.parse("Sellers"), new SheetGrid("Sellers", 20_020, 6), 1000);

        List<Chunk> chunks = plan.chunks();
        assertThat(chunks).hasSize(21);
        assertThat(chunks.get(0)).isEqualTo(new Chunk(1, 1000, "Sellers!A1:F1000"));
        assertThat(chunks.get(20)).isEqualTo(new Chunk(20_001, 20_020, "Sellers!A20001:F20020"));
        // 2 MB / (6 columns x 40 bytes) = 8,333 rows per call: eight chunks of 1,000 rows
        assertThat(plan.batches()).extracting(List::size).containsExactly(8, 8, 5);
    }

    @Test
    void automatic_chunks_are_sized_from_the_grid_width() {
        Plan narrow = SheetChunkPlanner.plan(SheetRange.parse("S"), new SheetGrid("S", 100_000, 10), 0);
        Plan wide = SheetChunkPlanner.plan(SheetRange.parse("S"), new SheetGrid("S", 100_000, 500), 0);

        assertThat(narrow.chunks().get(0).rows()).isEqualTo(5000); // 2,000,000 / (10 x 40)
        assertThat(wide.chunks().get(0).rows()).isEqualTo(100); // 2,000,000 / (500 x 40) = 100
        assertThat(narrow.batches()).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void automatic_chunks_never_get_smaller_than_the_minimum() {
        Plan plan = SheetChunkPlanner.plan(SheetRange.parse("S"), new SheetGrid("S", 1000, 18_000), 0);

        assertThat(plan.chunks().get(0).rows()).isEqualTo(SheetChunkPlanner.MIN_CHUNK_ROWS);
    }

    @Test
    void a_batch_holds_at_most_the_maximum_number_of_ranges() {
        Plan plan = SheetChunkPlanner.plan(SheetRange.parse("S"), new SheetGrid("S", 1000, 2), 1);

        assertThat(plan.chunks()).hasSize(1000);
        assertThat(plan.batches()).allSatisfy(batch ->
                assertThat(batch).hasSizeLessThanOrEqualTo(SheetChunkPlanner.MAX_RANGES_PER_BATCH));
    }

    @Test
    void chunks_cover_every_row_once_in_order_and_stay_inside_the_grid() {
        SheetGrid grid = new SheetGrid("S", 12_345, 7);
        Plan plan = SheetChunkPlanner.plan(SheetRange.parse("S!C3:G"), grid, 777);

        int next = 3;
        for (Chunk chunk : plan.chunks()) {
            assertThat(chunk.firstRow()).isEqualTo(next);
            assertThat(chunk.lastRow()).isLessThanOrEqualTo(grid.rowCount());
            assertThat(chunk.a1()).startsWith("S!C" + chunk.firstRow() + ":G" + chunk.lastRow());
            next = chunk.lastRow() + 1;
        }
        assertThat(next - 1).isEqualTo(grid.rowCount());
    }

    @Test
    void a_range_starting_outside_the_grid_is_refused_with_the_grid_size() {
        assertThatThrownBy(() -> SheetChunkPlanner.plan(SheetRange.parse("S!A2000:C"), new SheetGrid("S", 1000, 26), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A2000").hasMessageContaining("1000 rows and 26 columns");
        assertThatThrownBy(() -> SheetChunkPlanner.plan(SheetRange.parse("S!AA1:AC"), new SheetGrid("S", 1000, 26), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
