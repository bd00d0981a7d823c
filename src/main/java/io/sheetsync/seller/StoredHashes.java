package io.sheetsync.seller;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Arrays;

/**
 * The content hashes of the stored sellers as a read of the sheet begins: a sheet row whose hash is among them is one
 * the database already holds exactly (the hash covers the seller number and every stored field and cell), so its raw
 * cells need not be staged: no write reads them (see {@link StageFilling#append}).
 *
 * <p>Each hash is kept whole, as four longs in one open-addressed array (32 bytes per stored seller, at most 43 with
 * the free slots: 8 MB at 100 000 sellers, no object per seller). Only text in the form the service stores (64
 * lower-case hexadecimal digits) is taken, so a row is held exactly when SQL would find its hash equal to the stored
 * one; a stored hash edited by hand into anything else is not held, and its row is staged whole and written as before.
 */
public final class StoredHashes {

    private static final Logger LOG = LoggerFactory.getLogger(StoredHashes.class);

    /** Nothing stored, or nothing known: every row is staged whole. */
    public static final StoredHashes NONE = new StoredHashes(1);

    private static final String STORED = "SELECT content_hash FROM sellers";

    // the planner's estimate of the rows stored: the set is sized for it once. A table never analysed (autovacuum off,
    // or not yet come by) has none (-1); its size at 768 bytes a stored seller (a little under the usual) stands in,
    // else the set grew four times while 100 000 hashes were read.
    private static final String ESTIMATE = "SELECT CASE WHEN reltuples >= 0 THEN reltuples::bigint"
            + " ELSE pg_relation_size(oid) / 768 END FROM pg_class WHERE oid = 'sellers'::regclass";

    /** The most room sized up front from an estimate (1.3 million sellers); a larger table grows the set as read. */
    private static final int MOST_PRESIZED = 1 << 21;

    private static final int DIGITS = 64;
    private static final byte[] DIGIT_VALUES = digitValues();
    private static final int LONGS = 4;

    /** Four longs per slot; all four zero is a free slot (no SHA-256 is zero, and one that were would not be held). */
    private long[] slots;
    private int size;

    private StoredHashes(int capacity) {
        slots = new long[capacity * LONGS];
    }

    /** An empty set, for {@link #add}: room for 12 288 hashes before it first grows. */
    StoredHashes() {
        this(1 << 14);
    }

    /** The smallest power of two of slots that holds {@code expected} hashes without growing. */
    static int capacityFor(long expected) {
        int capacity = 1 << 14;
        while (capacity < MOST_PRESIZED && expected * 4 > capacity * 3L) {
            capacity <<= 1;
        }
        return capacity;
    }

    /**
     * The hashes stored now, read in the caller's transaction (a plan's snapshot: its comparison then sees the same
     * sellers); read through a cursor, so the process never holds the rows as text.
     */
    private static StoredHashes read(Connection connection) throws SQLException {
        StoredHashes hashes;
        try (PreparedStatement estimate = connection.prepareStatement(ESTIMATE);
             ResultSet rows = estimate.executeQuery()) {
            hashes = new StoredHashes(capacityFor(rows.next() ? rows.getLong(1) : 0));
        }
        try (PreparedStatement statement = connection.prepareStatement(STORED)) {
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    hashes.add(rows.getString(1));
                }
            }
        }
        return hashes;
    }

    /**
     * {@link #read}, under a savepoint. The hashes are only a saving: when they cannot be read, every row is staged
     * whole, as before, and the caller's transaction goes on as it was (should the connection be lost, its next
     * statement fails, as it would have).
     */
    public static StoredHashes readOrNone(Connection connection) {
        Savepoint before = null;
        try {
            before = connection.setSavepoint();
            StoredHashes hashes = read(connection);
            connection.releaseSavepoint(before);
            return hashes;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("the stored content hashes could not be read ({}); every row of this read is staged whole",
                    e.getMessage());
            if (before != null) {
                try {
                    connection.rollback(before);
                } catch (SQLException ignored) {
                    // the connection is gone: the caller's next statement fails, and says so
                }
            }
            return NONE;
        }
    }

    /** Whether a stored seller has exactly this content hash. */
    public boolean holds(String contentHash) {
        long[] hash = size == 0 ? null : parse(contentHash);
        if (hash == null) {
            return false;
        }
        int mask = capacity() - 1;
        for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
            if (equal(slots, i, hash)) {
                return true;
            }
            if (free(slots, i)) {
                return false;
            }
        }
    }

    /** Stored hashes counted (a hash stored twice counts once). */
    int size() {
        return size;
    }

    /** Adds a stored hash; text that is no hash of ours (edited by hand) is left out, so its row is staged whole. */
    void add(String contentHash) {
        long[] hash = parse(contentHash);
        if (hash == null || hash[0] == 0 && hash[1] == 0 && hash[2] == 0 && hash[3] == 0) {
            return; // the free slot's value: such a row is staged whole, as if not stored
        }
        if (insert(slots, hash) && ++size * 4 > capacity() * 3) {
            grow();
        }
    }

    private int capacity() {
        return slots.length / LONGS;
    }

    private static boolean insert(long[] slots, long[] hash) {
        int mask = slots.length / LONGS - 1;
        for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
            if (free(slots, i)) {
                System.arraycopy(hash, 0, slots, i * LONGS, LONGS);
                return true;
            }
            if (equal(slots, i, hash)) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        long[] hash = new long[LONGS];
        for (int i = 0; i < old.length / LONGS; i++) {
            if (!free(old, i)) {
                System.arraycopy(old, i * LONGS, hash, 0, LONGS);
                insert(slots, hash);
            }
        }
    }

    private static boolean free(long[] slots, int slot) {
        int at = slot * LONGS;
        return slots[at] == 0 && slots[at + 1] == 0 && slots[at + 2] == 0 && slots[at + 3] == 0;
    }

    private static boolean equal(long[] slots, int slot, long[] hash) {
        int at = slot * LONGS;
        return slots[at] == hash[0] && slots[at + 1] == hash[1] && slots[at + 2] == hash[2]
                && slots[at + 3] == hash[3];
    }

    private static int slot(long[] hash, int mask) {
        return (int) (hash[0] ^ hash[0] >>> 32) & mask; // SHA-256 bits are uniform already
    }

    /**
     * The hash as four longs, or null unless it is exactly what the service stores: 64 lower-case hexadecimal digits.
     * One pass over the text, each long built in a local (the client compiler, which compiles this for cron, keeps
     * an array element in memory): it runs for every stored seller and every row of every read.
     */
    private static long[] parse(String hash) {
        if (hash == null || hash.length() != DIGITS) {
            return null;
        }
        long[] parts = new long[LONGS];
        for (int part = 0; part < LONGS; part++) {
            long value = 0;
            for (int i = part * 16, end = i + 16; i < end; i++) {
                char c = hash.charAt(i);
                int digit = c < DIGIT_VALUES.length ? DIGIT_VALUES[c] : -1;
                if (digit < 0) {
                    return null;
                }
                value = value << 4 | digit;
            }
            parts[part] = value;
        }
        return parts;
    }

    /** Each ASCII character's value as a lower-case hexadecimal digit, or -1. */
    private static byte[] digitValues() {
        byte[] values = new byte['f' + 1];
        Arrays.fill(values, (byte) -1);
        for (char c = '0'; c <= '9'; c++) {
            values[c] = (byte) (c - '0');
        }
        for (char c = 'a'; c <= 'f'; c++) {
            values[c] = (byte) (c - 'a' + 10);
        }
        return values;
    }
}
