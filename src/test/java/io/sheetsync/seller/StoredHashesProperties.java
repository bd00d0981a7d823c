package io.sheetsync.seller;

import io.sheetsync.support.PropertyTests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sheet row is staged without its cells exactly when a stored seller has its content hash (issue 11): for generated
 * sets of stored hashes, large enough to grow the set several times, every one of them is held, and a hash that is
 * not among them (another one, the same with a digit changed, or a stored one in upper case or cut short, as a hand
 * edit would leave it) is not. The oracle is a plain set of the generated texts.
 */
class StoredHashesProperties {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 49: a row counts as held by the database exactly when"
            + " a stored seller has its content hash, text for text")
    void a_hash_is_held_exactly_when_it_was_stored() {
        PropertyTests.pure().forAll(Generate.range(0, 40_000), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
                .checkAssert((count, seed) -> {
                    Random random = new Random(seed);
                    Set<String> stored = new HashSet<>();
                    StoredHashes hashes = new StoredHashes();
                    for (int i = 0; i < count; i++) {
                        String hash = hash(random);
                        stored.add(hash);
                        hashes.add(hash);
                        if (random.nextInt(10) == 0) {
                            hashes.add(hash); // the same hash read twice counts once
                        }
                    }
                    assertThat(hashes.size()).isEqualTo(stored.size());
                    for (String hash : stored) {
                        assertThat(hashes.holds(hash)).as(hash).isTrue();
                        String upper = hash.toUpperCase(Locale.ROOT);
                        assertThat(hashes.holds(upper)).as("upper case").isEqualTo(hash.equals(upper));
                        assertThat(hashes.holds(hash.substring(0, 63))).as("cut short").isFalse();
                    }
                    for (int i = 0; i < 1000; i++) {
                        String other = hash(random);
                        assertThat(hashes.holds(other)).as(other).isEqualTo(stored.contains(other));
                        String stranger = changedDigit(stored.isEmpty() ? other : stored.iterator().next(), random);
                        assertThat(hashes.holds(stranger)).isEqualTo(stored.contains(stranger));
                    }
                });
    }

    @Test
    void text_that_is_no_stored_hash_of_ours_is_never_held() {
        StoredHashes hashes = new StoredHashes();
        String hash = "ab".repeat(32);
        hashes.add(hash.toUpperCase(Locale.ROOT));
        hashes.add(hash + "0");
        hashes.add(null);
        hashes.add("0".repeat(64));

        assertThat(hashes.size()).isZero();
        assertThat(hashes.holds(hash)).isFalse();
        assertThat(hashes.holds("0".repeat(64))).isFalse();
        assertThat(hashes.holds(null)).isFalse();
        assertThat(StoredHashes.NONE.holds(hash)).isFalse();
    }

    @Test
    void the_set_is_sized_once_for_the_estimate_within_bounds() {
        assertThat(StoredHashes.capacityFor(-1)).isEqualTo(1 << 14); // a table never analysed
        assertThat(StoredHashes.capacityFor(12_288)).isEqualTo(1 << 14);
        assertThat(StoredHashes.capacityFor(12_289)).isEqualTo(1 << 15);
        assertThat(StoredHashes.capacityFor(100_000)).isEqualTo(1 << 18); // three quarters full at most
        assertThat(StoredHashes.capacityFor(Long.MAX_VALUE / 8)).isEqualTo(1 << 21); // a wild estimate: grows as read
    }

    private static String hash(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    private static String changedDigit(String hash, Random random) {
        int at = random.nextInt(hash.length());
        char digit = "0123456789abcdef".charAt(random.nextInt(16));
        return hash.substring(0, at) + digit + hash.substring(at + 1);
    }
}
