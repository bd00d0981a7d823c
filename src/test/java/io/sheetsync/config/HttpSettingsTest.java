package io.sheetsync.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSettingsTest {

    private static final String TOKEN = "a-token-of-at-least-24-chars";

    @Test
    void without_a_configured_token_the_service_listens_on_loopback_only() {
        HttpSettings settings = load(Map.of());

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.maxBodyBytes()).isEqualTo(65_536);
        assertThat(settings.tokensFile()).isNull();
    }

    @Test
    void any_configured_token_opens_all_interfaces(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("tokens.yaml"), "[]\n");

        assertThat(load(Map.of("SYNC_ADMIN_TOKEN", TOKEN)).host()).isEqualTo("0.0.0.0");
        assertThat(load(Map.of("SYNC_VIEWER_TOKEN", TOKEN)).host()).isEqualTo("0.0.0.0");
        assertThat(load(Map.of("SYNC_TOKENS_FILE", file.toString())).host()).isEqualTo("0.0.0.0");
    }

    @Test
    void an_explicit_host_wins_either_way() {
        assertThat(load(Map.of("SYNC_HTTP_HOST", "0.0.0.0")).host()).isEqualTo("0.0.0.0");
        assertThat(load(Map.of("SYNC_HTTP_HOST", "127.0.0.1", "SYNC_ADMIN_TOKEN", TOKEN)).host()).isEqualTo("127.0.0.1");
    }

    @Test
    void bad_values_are_refused_naming_the_key() {
        assertThatThrownBy(() -> load(Map.of("SYNC_HTTP_MAX_BODY_BYTES", "100")))
                .hasMessageStartingWith("SYNC_HTTP_MAX_BODY_BYTES:");
        assertThatThrownBy(() -> load(Map.of("SYNC_HTTP_MAX_BODY_BYTES", "lots")))
                .hasMessageStartingWith("SYNC_HTTP_MAX_BODY_BYTES:");
        assertThatThrownBy(() -> load(Map.of("SYNC_HTTP_HOST", "a host; rm -rf")))
                .hasMessageStartingWith("SYNC_HTTP_HOST:");
        assertThatThrownBy(() -> load(Map.of("SYNC_TOKENS_FILE", "/no/such/tokens.yaml")))
                .hasMessageStartingWith("SYNC_TOKENS_FILE:");
    }

    @Test
    void role_tokens_shorter_than_24_characters_stop_start_up_naming_the_key_not_the_token() {
        for (String key : new String[] {"SYNC_ADMIN_TOKEN", "SYNC_OPERATOR_TOKEN", "SYNC_VIEWER_TOKEN"}) {
            assertThatThrownBy(() -> SyncConfig.load(Map.of(key, "short-secret"), new Properties()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(key + ":")
                    .hasMessageContaining("24")
                    .hasMessageNotContaining("short-secret");
        }
        assertThat(SyncConfig.load(Map.of("SYNC_ADMIN_TOKEN", TOKEN), new Properties()).tokens().admin()).isEqualTo(TOKEN);
    }

    private static HttpSettings load(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        SyncConfig config = SyncConfig.load(all, new Properties());
        return HttpSettings.load(ConfigValues.environmentThenProperties(all, new Properties()), config.tokens());
    }
}
