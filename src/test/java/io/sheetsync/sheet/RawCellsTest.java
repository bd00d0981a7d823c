package io.sheetsync.sheet;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A row's raw cells behave as the unmodifiable, ordered map they replace. */
class RawCellsTest {

    private static final String[] KEYS = {"売主番号", "氏名", "memo"};

    @Test
    void keepsSheetOrderAndEqualsTheSameCellsInAnyMap() {
        RawCells cells = new RawCells(KEYS, new String[]{"AA1", "山田", ""});
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("売主番号", "AA1");
        expected.put("氏名", "山田");
        expected.put("memo", "");

        assertThat(cells).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(List.copyOf(cells.keySet())).containsExactly("売主番号", "氏名", "memo");
        assertThat(List.copyOf(cells.values())).containsExactly("AA1", "山田", "");
        assertThat(cells.get("氏名")).isEqualTo("山田");
        assertThat(cells.get("name")).isNull();
        assertThat(cells.containsKey("memo")).isTrue();
        assertThat(cells.containsKey("missing")).isFalse();
        assertThat(cells).hasSize(3).hasToString("{売主番号=AA1, 氏名=山田, memo=}");
    }

    @Test
    void readsCellsByIndexAndKnowsRowsOfTheSameLayout() {
        RawCells first = new RawCells(KEYS, new String[]{"AA1", "山田", ""});
        RawCells second = new RawCells(KEYS, new String[]{"AA2", "佐藤", "memo"});
        RawCells lookalike = new RawCells(KEYS.clone(), new String[]{"AA1", "山田", ""});

        assertThat(second.keyAt(1)).isEqualTo("氏名");
        assertThat(second.valueAt(2)).isEqualTo("memo");
        assertThat(first.sharesKeysWith(second)).isTrue();
        assertThat(first.sharesKeysWith(lookalike)).isFalse(); // equal keys, but not the layout's own array
        assertThat(first.sharesKeysWith(null)).isFalse();
    }

    @Test
    void cannotBeChanged() {
        RawCells cells = new RawCells(KEYS, new String[]{"AA1", "山田", ""});
        assertThatThrownBy(() -> cells.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> cells.remove("氏名")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> cells.entrySet().iterator().next().setValue("z"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(cells::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copiesAnyMapInItsOrderAndKeepsItsOwnAsItIs() {
        Map<String, String> source = new LinkedHashMap<>();
        source.put("b", "2");
        source.put("a", null);
        RawCells copy = RawCells.copyOf(source);
        source.put("c", "3");

        assertThat(List.copyOf(copy.keySet())).containsExactly("b", "a");
        assertThat(copy.get("a")).isNull();
        assertThat(copy.containsKey("a")).isTrue();
        assertThat(RawCells.copyOf(copy)).isSameAs(copy);
        assertThat(RawCells.copyOf(Map.of())).isEmpty();
    }

    @Test
    void refusesKeysAndValuesOfDifferentLengths() {
        assertThatThrownBy(() -> new RawCells(KEYS, new String[]{"AA1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 keys for 1 values");
    }
}
