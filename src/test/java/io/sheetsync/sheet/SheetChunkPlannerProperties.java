package io.sheetsync.sheet;

import io.sheetsync.sheet.SheetChunkPlanner.Chunk;
import io.sheetsync.sheet.SheetChunkPlanner.Plan;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SheetChunkPlannerProperties {

    record Case(SheetGrid grid, SheetRange range) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(1, 30_000), Arbitraries.integers().between(1, 200))
                .flatAs((rows, columns) -> Combinators.combine(
                        Arbitraries.integers().between(1, rows),
                        Arbitraries.integers().between(1, columns),
                        Arbitraries.integers().between(0, rows + 50),
                        Arbitraries.integers().between(0, columns + 5))
                        .as((firstRow, firstColumn, rowSpan, columnSpan) -> new Case(
                                new SheetGrid("S", rows, columns),
                                new SheetRange("S", firstColumn, firstRow,
                                        columnSpan == 0 ? 0 : firstColumn + columnSpan - 1,
                                        rowSpan == 0 ? 0 : firstRow + rowSpan - 1))));
    }

    @Property(tries = 300)
    void chunks_cover_the_range_once_in_order_and_never_reach_past_the_grid(
            @ForAll("cases") Case c, @ForAll @IntRange(max = 5000) int chunkRows) {
        Plan plan = SheetChunkPlanner.plan(c.range(), c.grid(), chunkRows);

        int next = c.range().firstRow();
        for (Chunk chunk : plan.chunks()) {
            assertThat(chunk.firstRow()).isEqualTo(next);
            assertThat(chunk.lastRow()).isGreaterThanOrEqualTo(chunk.firstRow()).isLessThanOrEqualTo(c.grid().rowCount());
            next = chunk.lastRow() + 1;
        }
        assertThat(next - 1).isEqualTo(plan.lastRow());
        assertThat(plan.lastRow()).isLessThanOrEqualTo(c.grid().rowCount());
        assertThat(plan.lastColumn()).isLessThanOrEqualTo(c.grid().columnCount());
        if (c.range().lastRow() == 0) {
            assertThat(plan.lastRow()).isEqualTo(c.grid().rowCount());
        }
    }

    @Property(tries = 300)
    void every_batch_stays_within_the_response_budget_unless_it_is_a_single_chunk(
            @ForAll("cases") Case c, @ForAll @IntRange(max = 5000) int chunkRows) {
        Plan plan = SheetChunkPlanner.plan(c.range(), c.grid(), chunkRows);
        long columns = plan.lastColumn() - plan.firstColumn() + 1;

        for (List<Chunk> batch : plan.batches()) {
            assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(SheetChunkPlanner.MAX_RANGES_PER_BATCH);
            long cells = batch.stream().mapToLong(Chunk::rows).sum() * columns;
            long budgetCells = Math.max(SheetChunkPlanner.MIN_CHUNK_ROWS * columns,
                    SheetChunkPlanner.RESPONSE_BUDGET_BYTES / SheetChunkPlanner.BYTES_PER_CELL);
            if (batch.size() > 1) {
                assertThat(cells).isLessThanOrEqualTo(budgetCells);
            }
        }
    }

    @Property(tries = 200)
    void chunking_never_changes_what_is_read(@ForAll @IntRange(min = 1, max = 400) int rows,
                                             @ForAll @IntRange(min = 1, max = 300) int chunkRows,
                                             @ForAll("sparseSeeds") long seed) {
        List<List<Object>> sheet = sparseSheet(rows, seed);
        SheetGrid grid = new SheetGrid("S", rows, 3);
        SheetRange range = SheetRange.wholeSheet("S");

        SheetData whole = read(sheet, SheetChunkPlanner.plan(range, grid, rows));
        SheetData chunked = read(sheet, SheetChunkPlanner.plan(range, grid, chunkRows));

        assertThat(chunked).isEqualTo(whole);
    }

    @Provide
    Arbitrary<Long> sparseSeeds() {
        return Arbitraries.longs();
    }

    /** A sheet with some empty rows and cells, as typed values. */
    private static List<List<Object>> sparseSheet(int rows, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<List<Object>> sheet = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                row.add(random.nextInt(3) == 0 ? null : "r" + (r + 1) + "c" + c);
            }
            sheet.add(row);
        }
        return sheet;
    }

    /** Plays the plan against the sheet as the API answers: trailing empty cells and rows left out. */
    private static SheetData read(List<List<Object>> sheet, Plan plan) {
        SheetAssembler assembler = new SheetAssembler(plan.headerRow());
        for (Chunk chunk : plan.chunks()) {
            List<List<Object>> values = new ArrayList<>();
            for (int row = chunk.firstRow(); row <= chunk.lastRow(); row++) {
                List<Object> cells = new ArrayList<>(sheet.get(row - 1));
                while (!cells.isEmpty() && cells.get(cells.size() - 1) == null) {
                    cells.remove(cells.size() - 1);
                }
                cells.replaceAll(v -> v == null ? "" : v);
                values.add(cells);
            }
            while (!values.isEmpty() && values.get(values.size() - 1).isEmpty()) {
                values.remove(values.size() - 1);
            }
            assembler.add(chunk.firstRow(), values.isEmpty() ? null : values);
        }
        return assembler.result();
    }
}
