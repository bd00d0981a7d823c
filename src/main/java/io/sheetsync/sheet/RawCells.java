package io.sheetsync.sheet;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Every cell of one row by its raw key, in sheet order, unmodifiable: a seller's {@code raw}. Every seller holds one
 * for the whole run, so it is compact: the keys are the sheet layout's, one array shared by every row, and each row
 * adds only its array of values (a LinkedHashMap costs an entry object per cell on top). Lookups scan the keys, which
 * are as few as the sheet's columns.
 */
public final class RawCells extends AbstractMap<String, String> {

    private static final RawCells EMPTY = new RawCells(new String[0], new String[0]);

    private final String[] keys;
    private final String[] values;

    /** @param keys shared, never changed; {@code values} is this row's own, one per key */
    RawCells(String[] keys, String[] values) {
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys for " + values.length + " values");
        }
        this.keys = keys;
        this.values = values;
    }

    /** The cells of any map, in its iteration order; a RawCells is returned as it is (it cannot change). */
    public static RawCells copyOf(Map<String, String> cells) {
        if (cells instanceof RawCells raw) {
            return raw;
        }
        if (cells.isEmpty()) {
            return EMPTY;
        }
        String[] keys = new String[cells.size()];
        String[] values = new String[cells.size()];
        int i = 0;
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            keys[i] = cell.getKey();
            values[i++] = cell.getValue();
        }
        return new RawCells(keys, values);
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public String get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : values[index];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> entry = new SimpleImmutableEntry<>(keys[next], values[next]);
                        next++;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    /** The key of cell {@code index} (0 to {@code size() - 1}), without the entry object the map view makes. */
    public String keyAt(int index) {
        return keys[index];
    }

    /** The value of cell {@code index}. */
    public String valueAt(int index) {
        return values[index];
    }

    /**
     * Whether {@code other} has the very same keys array: rows read with one sheet layout do, so whatever is derived
     * from the keys alone can be derived once for all of them.
     */
    public boolean sharesKeysWith(RawCells other) {
        return other != null && other.keys == keys;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
