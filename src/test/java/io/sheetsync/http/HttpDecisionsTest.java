package io.sheetsync.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge's decisions without a server: which requests are refused, who is local, which files are served. */
class HttpDecisionsTest {

    private final RequestLimits limits = new RequestLimits(65_536);

    @Test
    void a_declared_body_over_the_limit_is_413_and_one_at_the_limit_passes() {
        assertThat(limits.check("65537", "application/json")).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(413));
        assertThat(limits.check("104857600", null)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(413));
        assertThat(limits.check("65536", "application/json")).isEmpty();
        assertThat(limits.check(null, null)).isEmpty();
    }

    @Test
    void multipart_in_any_case_is_415_and_a_garbled_length_is_400() {
        assertThat(limits.check("10", "Multipart/Form-Data; boundary=x"))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(415));
        assertThat(limits.check("ten", "application/json"))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void only_loopback_callers_not_through_a_proxy_are_local() {
        assertThat(Callers.isLocal("127.0.0.1", false)).isTrue();
        assertThat(Callers.isLocal("127.8.9.10", false)).isTrue();
        assertThat(Callers.isLocal("::1", false)).isTrue();
        assertThat(Callers.isLocal("[::1]", false)).isTrue();
        assertThat(Callers.isLocal("127.0.0.1", true)).isFalse();
        assertThat(Callers.isLocal("192.168.1.20", false)).isFalse();
        assertThat(Callers.isLocal("203.0.113.7", false)).isFalse();
        assertThat(Callers.isLocal("localhost", false)).isFalse();
        assertThat(Callers.isLocal(null, false)).isFalse();
    }

    @Test
    void outside_the_api_only_the_dashboards_classpath_files_are_served() {
        assertThat(StaticFiles.allowed("/")).isTrue();
        assertThat(StaticFiles.allowed("/index.html")).isTrue();
        assertThat(StaticFiles.allowed("/app.js")).isTrue();
        assertThat(StaticFiles.allowed("/api/sync/status")).isTrue();
        assertThat(StaticFiles.allowed("/observe/health")).isTrue();
        assertThat(StaticFiles.allowed("/application.properties")).isFalse();
        assertThat(StaticFiles.allowed("/pom.xml")).isFalse();
        assertThat(StaticFiles.allowed("/data/admin-token")).isFalse();
        assertThat(StaticFiles.allowed("/../app.js")).isFalse();
        assertThat(StaticFiles.allowed("/apix")).isFalse();
    }
}
