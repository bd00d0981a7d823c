package io.sheetsync.sheet;

import io.sheetsync.sheet.SheetChunkPlanner.Chunk;
import io.sheetsync.sheet.SheetChunkPlanner.Plan;
import io.sheetsync.support.PropertyTests;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the Sheets source plans its reads of a range (README "The sheet", Google Sheets): chunks that cover the range,
 * clipped to the grid, once and in order, batched within the response budget, and read back into the same sheet
 * however the range was cut.
 */
class SheetChunkPlannerProperties {

    /** A grid, a range that starts inside it (its ends open or reaching past the grid), and a chunk size. */
    record Case(SheetGrid grid, SheetRange range, int chunkRows) {
        /** The last row worth reading: the range's end, clipped to the grid; the grid's end when open. */
        int lastRow() {
            return range.lastRow() == 0 ? grid.rowCount() : Math.min(range.lastRow(), grid.rowCount());
        }

        int lastColumn() {
            return range.lastColumn() == 0 ? grid.columnCount() : Math.min(range.lastColumn(), grid.columnCount());
        }
    }

    @Test
    void chunks_cover_the_range_once_in_order_and_never_reach_past_the_grid() {
        PropertyTests.pure().withExamples(300).forAll(cases()).checkAssert(c -> {
            Plan plan = SheetChunkPlanner.plan(c.range(), c.grid(), c.chunkRows());

            assertThat(plan.headerRow()).isEqualTo(c.range().firstRow());
            assertThat(plan.lastRow()).isEqualTo(c.lastRow());
            assertThat(plan.firstColumn()).isEqualTo(c.range().firstColumn());
            assertThat(plan.lastColumn()).isEqualTo(c.lastColumn());
            int next = c.range().firstRow();
            List<Chunk> chunks = plan.chunks();
            for (int i = 0; i < chunks.size(); i++) {
                Chunk chunk = chunks.get(i);
                assertThat(chunk.firstRow()).as("chunk %s starts where the one before ended", i).isEqualTo(next);
                assertThat(chunk.lastRow()).isBetween(chunk.firstRow(), c.lastRow());
                if (c.chunkRows() > 0 && i < chunks.size() - 1) {
                    assertThat(chunk.rows()).as("rows of chunk %s", i).isEqualTo(c.chunkRows());
                }
                SheetRange read = SheetRange.parse(chunk.a1());
                assertThat(read).as("the A1 range of chunk %s", i).isEqualTo(new SheetRange(c.grid().title(),
                        c.range().firstColumn(), chunk.firstRow(), c.lastColumn(), chunk.lastRow()));
                next = chunk.lastRow() + 1;
            }
            assertThat(next - 1).as("last row read").isEqualTo(c.lastRow());
        });
    }

    @Test
    void a_batch_of_several_chunks_stays_within_the_response_budget_and_the_url_limit() {
        PropertyTests.pure().withExamples(300).forAll(cases()).checkAssert(c -> {
            Plan plan = SheetChunkPlanner.plan(c.range(), c.grid(), c.chunkRows());
            long columns = c.lastColumn() - c.range().firstColumn() + 1;
            // a batch answer of at most ~2 MB, at the planner's estimate per cell; a wide sheet still gets 100 rows
            long budgetCells = Math.max(SheetChunkPlanner.MIN_CHUNK_ROWS * columns,
                    SheetChunkPlanner.RESPONSE_BUDGET_BYTES / SheetChunkPlanner.BYTES_PER_CELL);

            for (List<Chunk> batch : plan.batches()) {
                assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(SheetChunkPlanner.MAX_RANGES_PER_BATCH);
                if (batch.size() > 1) {
                    assertThat(batch.stream().mapToLong(Chunk::rows).sum() * columns).isLessThanOrEqualTo(budgetCells);
                }
            }
        });
    }

    @Test
    void chunking_never_changes_what_is_read() {
        PropertyTests.pure().withExamples(200).forAll(sparseSheets(), Generate.range(1, 300))
                .checkAssert((sheet, chunkRows) -> {
                    SheetGrid grid = new SheetGrid("S", sheet.size(), 3);
                    SheetRange range = SheetRange.wholeSheet("S");

                    SheetData whole = read(sheet, SheetChunkPlanner.plan(range, grid, sheet.size()));
                    SheetData chunked = read(sheet, SheetChunkPlanner.plan(range, grid, chunkRows));

                    assertThat(chunked).isEqualTo(whole);
                });
    }

    private static Gen<Case> cases() {
        Gen<Case> cases = in -> {
            int rows = Generate.range(1, 30_000).generate(in);
            int columns = Generate.range(1, 200).generate(in);
            int firstRow = Generate.range(1, rows).generate(in);
            int firstColumn = Generate.range(1, columns).generate(in);
            int rowSpan = Generate.range(0, rows + 50).generate(in);
            int columnSpan = Generate.range(0, columns + 5).generate(in);
            SheetRange range = new SheetRange("S", firstColumn, firstRow,
                    columnSpan == 0 ? 0 : firstColumn + columnSpan - 1, rowSpan == 0 ? 0 : firstRow + rowSpan - 1);
            return new Case(new SheetGrid("S", rows, columns), range, Generate.range(0, 5000).generate(in));
        };
        return cases.describedAs(Case::toString);
    }

    /** Sheets of 1 to 400 rows of three cells, some of them (and some whole rows) empty. */
    private static Gen<List<List<Object>>> sparseSheets() {
        Gen<List<List<Object>>> sheets = in -> {
            int rows = Generate.range(1, 400).generate(in);
            List<List<Object>> sheet = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                List<Object> row = new ArrayList<>(3);
                for (int c = 0; c < 3; c++) {
                    row.add(Generate.range(0, 2).generate(in) == 0 ? null : "r" + (r + 1) + "c" + c);
                }
                sheet.add(row);
            }
            return sheet;
        };
        return sheets.describedAs(sheet -> sheet.size() + " rows: " + sheet);
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
                cells.replaceAll(value -> value == null ? "" : value);
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
