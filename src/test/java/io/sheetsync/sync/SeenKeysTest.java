package io.sheetsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeenKeysTest {

    @Test
    void a_key_seen_before_always_says_so_and_distinct_keys_do_not_across_growth() {
        Random random = new Random(20261130L);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            keys.add(random.nextInt(10) == 0 ? keys.get(random.nextInt(Math.max(1, keys.size()))) : "AA" + i);
        }
        SeenKeys seen = new SeenKeys();
        Set<String> recorded = new HashSet<>();

        for (String key : keys) {
            // 64-bit fingerprints: among these few hundred thousand keys none collide, so the answer is exact here
            assertThat(seen.firstTime(key)).as(key).isEqualTo(recorded.add(key));
        }
    }

    @Test
    void the_empty_key_and_keys_of_other_scripts_are_keys_like_any_other() {
        SeenKeys seen = new SeenKeys();

        assertThat(seen.firstTime("")).isTrue();
        assertThat(seen.firstTime("")).isFalse();
        assertThat(seen.firstTime("売主1")).isTrue();
        assertThat(seen.firstTime("売主2")).isTrue();
        assertThat(seen.firstTime("売主1")).isFalse();
    }
}
