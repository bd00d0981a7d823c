package io.sheetsync.sync;

/**
 * The seller numbers a read has staged so far, as 64-bit fingerprints in one open-addressed array (16 bytes per key at
 * most, no object per key): it tells which keys may have been staged twice, so that only those are looked up in the
 * stage. A key seen before always says so; a new key says so only when its fingerprint collides with another's, which
 * the stage's exact count then clears.
 */
final class SeenKeys {

    private static final long EMPTY = 0;

    private long[] slots = new long[1 << 14];
    private int size;

    /** Records {@code key}; false when it (or a key of the same fingerprint) was recorded before. */
    boolean firstTime(String key) {
        long fingerprint = fingerprint(key);
        int mask = slots.length - 1;
        for (int i = (int) (fingerprint ^ fingerprint >>> 32) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == EMPTY) {
                slots[i] = fingerprint;
                if (++size * 2 > slots.length) {
                    grow();
                }
                return true;
            }
            if (slots[i] == fingerprint) {
                return false;
            }
        }
    }

    /** FNV-1a over the UTF-16 units, never {@link #EMPTY}. */
    private static long fingerprint(String key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash == EMPTY ? 1 : hash;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long fingerprint : old) {
            if (fingerprint != EMPTY) {
                int i = (int) (fingerprint ^ fingerprint >>> 32) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = fingerprint;
            }
        }
    }
}
