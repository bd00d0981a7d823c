package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellsTest {

    @Test
    void strip_removes_ideographic_and_no_break_spaces_and_a_byte_order_mark() {
        assertThat(Cells.strip("\u3000 山田\u00a0\t")).isEqualTo("山田");
        assertThat(Cells.strip("\ufeffseller_number\u200b")).isEqualTo("seller_number");
    }

    @Test
    void strip_keeps_inner_spaces() {
        assertThat(Cells.strip("  山田 太郎  ")).isEqualTo("山田 太郎");
    }

    @Test
    void blank_means_nothing_visible() {
        assertThat(Cells.isBlank("")).isTrue();
        assertThat(Cells.isBlank(" \t\u3000\u00a0\ufeff")).isTrue();
        assertThat(Cells.isBlank(" x ")).isFalse();
    }

    @Test
    void nfkc_folds_full_width_forms_and_leaves_ascii_alone() {
        assertThat(Cells.nfkc("ＡＡ１２３")).isEqualTo("AA123");
        assertThat(Cells.nfkc("１００㎡")).isEqualTo("100m2");
        String ascii = "plain ascii";
        assertThat(Cells.nfkc(ascii)).isSameAs(ascii);
    }

    @Test
    void a_row_of_ideographic_spaces_is_blank() {
        assertThat(new SheetRow(2, List.of("\u3000", "", " ")).isBlank()).isTrue();
        assertThat(new SheetRow(2, List.of("\u3000", "x")).isBlank()).isFalse();
    }
}
