package io.sheetsync.seller;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import io.sheetsync.sheet.ColumnLayout;
import io.sheetsync.sheet.HeaderMapping;
import io.sheetsync.sheet.SheetRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentHashTest {

    private static final OffsetDateTime UPDATED = OffsetDateTime.parse("2024-05-02T10:15:00+09:00");

    private static Seller seller() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("seller_number", "AA12");
        raw.put("memo", "電話済み");
        return new Seller("AA12", "山田 太郎", LocalDate.of(2024, 5, 1), "090-1234-5678", "yamada@example.jp",
                "東京都港区", "査定中", new Property("渋谷区", "戸建", new BigDecimal("120.5"), new BigDecimal("98")),
                7, UPDATED, raw);
    }

    @Test
    void the_same_seller_always_has_the_same_hash() {
        assertThat(seller().contentHash()).isEqualTo(seller().contentHash()).hasSize(64).matches("[0-9a-f]+");
    }

    /**
     * The hash is stored: were its definition to drift, the first run after an upgrade would rewrite every seller.
     * The oracle is the definition itself, SHA-256 of the length-prefixed fields and raw cells as UTF-8 (an unpaired
     * surrogate as '?'), computed here with the JDK alone.
     */
    @Test
    void the_hash_is_sha_256_of_the_length_prefixed_fields_and_cells_as_utf_8() throws Exception {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("seller_number", "AA7");
        raw.put("メモ", "絵文字😀と\"引用\"、孤立\uD800サロゲート");
        raw.put("空", "");
        Seller seller = new Seller("AA7", "Ä 山田 é", LocalDate.of(2024, 2, 29), null, "a@b.jp", "港区\u0001", "査定中",
                new Property(null, "土地", new BigDecimal("120.50"), null), 3, UPDATED, raw);
        String canonical = field("AA7") + field("Ä 山田 é") + field("2024-02-29") + field(null) + field("a@b.jp")
                + field("港区\u0001") + field("査定中") + field("2024-05-02T01:15:00Z") + field("property") + field(null)
                + field("土地") + field("120.5") + field(null) + field("seller_number") + field("AA7") + field("メモ")
                + field(raw.get("メモ")) + field("空") + field("");
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(seller.contentHash()).isEqualTo(java.util.HexFormat.of().formatHex(digest));
    }

    /**
     * The keys' text is encoded once per sheet layout (rows of one layout share their keys): rows of another layout
     * hashed in between must each still hash their own keys.
     */
    @Test
    void rows_of_two_sheet_layouts_hashed_in_turn_each_hash_their_own_keys() throws Exception {
        ColumnLayout notes = HeaderMapping.builtIn().resolve(List.of("売主番号", "氏名", "反響日", "備考"));
        ColumnLayout memo = HeaderMapping.builtIn().resolve(List.of("売主番号", "氏名", "反響日", "メモ欄"));
        for (ColumnLayout layout : List.of(notes, notes, memo, notes, memo, memo)) {
            Map<String, String> raw = layout.raw(new SheetRow(2, List.of("AA7", "山田", "2024-02-29", "値")));
            Seller seller = new Seller("AA7", "山田", LocalDate.of(2024, 2, 29), null, null, null, null, null, 2, null,
                    raw);
            StringBuilder canonical = new StringBuilder(field("AA7") + field("山田") + field("2024-02-29")
                    + field(null) + field(null) + field(null) + field(null) + field(null) + field(null));
            raw.forEach((key, value) -> canonical.append(field(key)).append(field(value)));
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThat(raw.keySet()).contains(layout == notes ? "備考" : "メモ欄");
            assertThat(seller.contentHash()).isEqualTo(java.util.HexFormat.of().formatHex(digest));
        }
    }

    private static String field(String value) {
        return value == null ? "-1:|" : value.length() + ":" + value + "|";
    }

    @Test
    void the_source_row_alone_does_not_change_the_hash() {
        Seller s = seller();
        Seller moved = new Seller(s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(), s.email(), s.address(),
                s.status(), s.property(), 9999, s.sourceUpdatedAt(), s.raw());

        assertThat(moved.contentHash()).isEqualTo(seller().contentHash());
    }

    @Test
    void the_same_moment_in_another_offset_is_no_change() {
        Seller s = seller();
        Seller utc = copy(s, s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(), s.email(), s.property(),
                UPDATED.withOffsetSameInstant(ZoneOffset.UTC), s.raw());

        assertThat(utc.contentHash()).isEqualTo(seller().contentHash());
    }

    static List<Arguments> changes() {
        return List.of(
                change("seller number", s -> copy(s, "AA13", s.name(), s.inquiryDate(), s.phone(), s.email(),
                        s.property(), s.sourceUpdatedAt(), s.raw())),
                change("name", s -> copy(s, s.sellerNumber(), "山田 次郎", s.inquiryDate(), s.phone(), s.email(),
                        s.property(), s.sourceUpdatedAt(), s.raw())),
                change("inquiry date", s -> copy(s, s.sellerNumber(), s.name(), s.inquiryDate().plusDays(1), s.phone(),
                        s.email(), s.property(), s.sourceUpdatedAt(), s.raw())),
                change("phone to null", s -> copy(s, s.sellerNumber(), s.name(), s.inquiryDate(), null, s.email(),
                        s.property(), s.sourceUpdatedAt(), s.raw())),
                change("email", s -> copy(s, s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(), "y@example.jp",
                        s.property(), s.sourceUpdatedAt(), s.raw())),
                change("address", s -> new Seller(s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(), s.email(),
                        "大阪府", s.status(), s.property(), s.sourceRow(), s.sourceUpdatedAt(), s.raw())),
                change("status", s -> new Seller(s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(), s.email(),
                        s.address(), "成約", s.property(), s.sourceRow(), s.sourceUpdatedAt(), s.raw())),
                change("updated_at", s -> copy(s, s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(), s.email(),
                        s.property(), s.sourceUpdatedAt().plusSeconds(1), s.raw())),
                change("updated_at to null", s -> copy(s, s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(),
                        s.email(), s.property(), null, s.raw())),
                change("property removed", s -> copy(s, s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(),
                        s.email(), null, s.sourceUpdatedAt(), s.raw())),
                change("property address", s -> withProperty(s, new Property("目黒区", "戸建", new BigDecimal("120.5"),
                        new BigDecimal("98")))),
                change("property type", s -> withProperty(s, new Property("渋谷区", "土地", new BigDecimal("120.5"),
                        new BigDecimal("98")))),
                change("land area", s -> withProperty(s, new Property("渋谷区", "戸建", new BigDecimal("120.6"),
                        new BigDecimal("98")))),
                change("building area to null", s -> withProperty(s, new Property("渋谷区", "戸建",
                        new BigDecimal("120.5"), null))),
                change("a raw cell", s -> copy(s, s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(), s.email(),
                        s.property(), s.sourceUpdatedAt(), Map.of("seller_number", "AA12", "memo", "不在"))),
                change("a raw key", s -> copy(s, s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(), s.email(),
                        s.property(), s.sourceUpdatedAt(), Map.of("seller_number", "AA12", "メモ", "電話済み"))),
                change("a value moved between fields", s -> copy(s, s.sellerNumber(), s.name(), s.inquiryDate(),
                        s.email(), s.phone(), s.property(), s.sourceUpdatedAt(), s.raw())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void any_change_to_a_stored_field_changes_the_hash(String what, UnaryOperator<Seller> change) {
        assertThat(change.apply(seller()).contentHash()).isNotEqualTo(seller().contentHash());
    }

    private static Arguments change(String what, UnaryOperator<Seller> change) {
        return Arguments.of(what, change);
    }

    private static Seller copy(Seller s, String number, String name, LocalDate inquiryDate, String phone, String email,
                               Property property, OffsetDateTime updatedAt, Map<String, String> raw) {
        return new Seller(number, name, inquiryDate, phone, email, s.address(), s.status(), property, s.sourceRow(),
                updatedAt, raw);
    }

    private static Seller withProperty(Seller s, Property property) {
        return copy(s, s.sellerNumber(), s.name(), s.inquiryDate(), s.phone(), s.email(), property,
                s.sourceUpdatedAt(), s.raw());
    }
}
