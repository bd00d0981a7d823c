package io.sheetsync.api;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParamsTest {

    @Test
    void parameters_are_url_decoded_and_empty_ones_are_kept_as_empty() {
        QueryParams params = QueryParams.parse("sellerNumber=%EF%BD%81a1&startDate=2024-01-01T00%3A00%3A00%2B09%3A00"
                + "&success=&&limit", Set.of("sellerNumber", "startDate", "success", "limit"));

        assertThat(params.asMap()).isEqualTo(Map.of("sellerNumber", "ａa1", "startDate", "2024-01-01T00:00:00+09:00",
                "success", "", "limit", ""));
    }

    @Test
    void an_unknown_or_repeated_parameter_is_a_400_naming_it() {
        assertThatThrownBy(() -> QueryParams.parse("sucess=true", Set.of("success", "limit")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.extra()).containsEntry("field", "sucess");
                    assertThat(e.getMessage()).isEqualTo("sucess: is not a parameter of this endpoint (it takes limit, success)");
                });
        assertThatThrownBy(() -> QueryParams.parse("days=1&days=2", Set.of("days")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).startsWith("days:"));
        assertThatThrownBy(() -> QueryParams.parse("days=%zz", Set.of("days")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).startsWith("days:"));
    }

    @Test
    void whole_numbers_are_checked_against_their_range() {
        QueryParams params = QueryParams.parse("days=30", Set.of("days", "limit"));

        assertThat(params.integer("days", 7, 1, 365)).isEqualTo(30);
        assertThat(params.integer("limit", 100, 1, 1000)).isEqualTo(100);
        for (String bad : new String[] {"0", "366", "1.5", "x", "", "2147483648"}) {
            assertThatThrownBy(() -> QueryParams.parse("days=" + bad, Set.of("days")).integer("days", 7, 1, 365))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                            .isEqualTo("days: must be a whole number from 1 to 365, was '" + bad + "'"));
        }
    }
}
