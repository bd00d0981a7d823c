package io.sheetsync.api;

import io.sheetsync.config.ConfigException;
import io.sheetsync.config.ConfigProvider;
import io.sheetsync.config.SyncConfig;
import io.sheetsync.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who a token stands for, where a token may come from, and when an address is slowed down. */
class AuthDecisionsTest {

    private static final String HANAKO = "hanako-operator-token-000000001";

    @Test
    void a_named_token_stands_for_its_person_and_role_beside_the_role_tokens(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokens.yaml"), """
                # people who use the API
                - name: hanako.sato
                  role: operator
                  sha256: %s
                """.formatted(sha256(HANAKO)));
        ApiAuth auth = new ApiAuth(new ConfigProvider(SyncConfig.load(
                Map.of("SYNC_ADMIN_TOKEN", "admin-role-token-0000000000001"), new Properties())),
                NamedTokens.load(file), new AuthThrottle(new MutableClock(Instant.EPOCH)));

        assertThat(auth.callerOf(HANAKO)).contains(new Caller("hanako.sato", Role.OPERATOR));
        assertThat(auth.callerOf("admin-role-token-0000000000001")).contains(new Caller("admin", Role.ADMIN));
        assertThat(auth.callerOf(HANAKO + "x")).isEmpty();
    }

    @Test
    void a_malformed_tokens_file_stops_start_up_naming_its_line(@TempDir Path dir) throws Exception {
        String good = "- name: a\n  role: viewer\n  sha256: " + sha256("x".repeat(24)) + "\n";
        assertThatThrownBy(() -> NamedTokens.load(Files.writeString(dir.resolve("role.yaml"),
                good + "- name: b\n  role: superuser\n  sha256: " + sha256("y".repeat(24)) + "\n")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("SYNC_TOKENS_FILE: line 4:")
                .hasMessageContaining("superuser");
        assertThatThrownBy(() -> NamedTokens.load(Files.writeString(dir.resolve("hash.yaml"),
                good + "- name: b\n  role: admin\n  sha256: not-hex\n")))
                .hasMessageStartingWith("SYNC_TOKENS_FILE: line 4:").hasMessageContaining("64 hex");
        assertThatThrownBy(() -> NamedTokens.load(Files.writeString(dir.resolve("syntax.yaml"),
                good + "- name: [unclosed\n")))
                .hasMessageStartingWith("SYNC_TOKENS_FILE: line 4:");
        assertThatThrownBy(() -> NamedTokens.load(Files.writeString(dir.resolve("key.yaml"),
                good + "- name: b\n  role: admin\n  token: plain\n")))
                .hasMessageStartingWith("SYNC_TOKENS_FILE: line 6:").hasMessageContaining("token");
        assertThatThrownBy(() -> NamedTokens.load(Files.writeString(dir.resolve("twice.yaml"), good + good)))
                .hasMessageStartingWith("SYNC_TOKENS_FILE: line 4:").hasMessageContaining("twice");
        assertThatThrownBy(() -> NamedTokens.load(Files.writeString(dir.resolve("map.yaml"), "name: a\n")))
                .hasMessageStartingWith("SYNC_TOKENS_FILE: line 1:");
    }

    @Test
    void a_parameter_named_authorization_in_any_case_or_encoding_is_a_token_in_the_query() {
        assertThat(ApiAuth.tokenInQuery("Authorization=Bearer%20abc")).isTrue();
        assertThat(ApiAuth.tokenInQuery("limit=5&authorization=x")).isTrue();
        assertThat(ApiAuth.tokenInQuery("%41uthorization=x")).isTrue();
        assertThat(ApiAuth.tokenInQuery("AUTHORIZATION")).isTrue();
        assertThat(ApiAuth.tokenInQuery("limit=5&auth=x")).isFalse();
        assertThat(ApiAuth.tokenInQuery(null)).isFalse();
    }

    @Test
    void after_five_failures_in_a_row_an_address_waits_doubling_up_to_a_minute() {
        MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
        AuthThrottle throttle = new AuthThrottle(clock);

        for (int i = 1; i < AuthThrottle.FREE_FAILURES; i++) {
            throttle.failed("198.51.100.1");
            assertThat(throttle.waitFor("198.51.100.1")).as("after failure " + i).isEmpty();
        }
        throttle.failed("198.51.100.1");
        assertThat(throttle.waitFor("198.51.100.1")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("198.51.100.2")).as("another address").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("198.51.100.1")).isEmpty();
        throttle.failed("198.51.100.1");
        assertThat(throttle.waitFor("198.51.100.1")).contains(Duration.ofSeconds(2));

        assertThat(AuthThrottle.waitAfter(7)).isEqualTo(Duration.ofSeconds(4));
        assertThat(AuthThrottle.waitAfter(100)).isEqualTo(AuthThrottle.MAX_WAIT);
        throttle.succeeded("198.51.100.1");
        assertThat(throttle.waitFor("198.51.100.1")).isEmpty();
    }

    static String sha256(String token) {
        return HexFormat.of().formatHex(NamedTokens.sha256(token));
    }
}
