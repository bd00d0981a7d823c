package io.sheetsync.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderMappingTest {

    private final HeaderMapping builtIn = HeaderMapping.builtIn();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "seller_number|SELLER_NUMBER", "Seller Number|SELLER_NUMBER", "売主番号|SELLER_NUMBER",
        "name|NAME", "Name|NAME", "氏名|NAME", "名前|NAME", "売主名|NAME",
        "inquiry_date|INQUIRY_DATE", "Inquiry Date|INQUIRY_DATE", "反響日|INQUIRY_DATE", "反響日付|INQUIRY_DATE",
        "phone|PHONE", "Phone|PHONE", "電話番号|PHONE",
        "email|EMAIL", "Email|EMAIL", "メールアドレス|EMAIL",
        "address|ADDRESS", "Address|ADDRESS", "住所|ADDRESS", "売主住所|ADDRESS",
        "status|STATUS", "Status|STATUS", "状況|STATUS", "ステータス|STATUS",
        "property_address|PROPERTY_ADDRESS", "Property Address|PROPERTY_ADDRESS", "物件所在地|PROPERTY_ADDRESS",
        "物件住所|PROPERTY_ADDRESS",
        "property_type|PROPERTY_TYPE", "Property Type|PROPERTY_TYPE", "種別|PROPERTY_TYPE", "物件種別|PROPERTY_TYPE",
        "land_area|LAND_AREA", "Land Area|LAND_AREA", "土地面積|LAND_AREA",
        "building_area|BUILDING_AREA", "Building Area|BUILDING_AREA", "建物面積|BUILDING_AREA",
        "updated_at|UPDATED_AT", "Updated At|UPDATED_AT", "最終更新日時|UPDATED_AT", "更新日時|UPDATED_AT"
    })
    void every_built_in_alias_of_the_contract_names_its_field(String header, SheetField field) {
        assertThat(builtIn.fieldFor(header)).contains(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELLER NUMBER", "sellernumber", "ＳＥＬＬＥＲ　ＮＵＭＢＥＲ", "  Seller   Number ",
        "seller\tnumber", "\ufeffseller_number", "Ｓｅｌｌｅｒ＿Ｎｕｍｂｅｒ"})
    void headers_match_regardless_of_case_width_and_whitespace(String header) {
        assertThat(builtIn.fieldFor(header)).contains(SheetField.SELLER_NUMBER);
    }

    @Test
    void half_width_katakana_matches_its_full_width_alias() {
        assertThat(builtIn.fieldFor("ｽﾃｰﾀｽ")).contains(SheetField.STATUS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seller-number", "seller.number", "number", "売主", "", "   "})
    void headers_that_are_no_alias_map_to_no_field(String header) {
        assertThat(builtIn.fieldFor(header)).isEmpty();
    }

    @Test
    void resolve_finds_the_column_of_each_field_in_any_order() {
        ColumnLayout layout = builtIn.resolve(List.of("メモ", "反響日", "Seller Number", "氏名", "Land Area"));

        assertThat(layout.columns()).containsExactlyInAnyOrderEntriesOf(Map.of(
                SheetField.INQUIRY_DATE, 1, SheetField.SELLER_NUMBER, 2, SheetField.NAME, 3, SheetField.LAND_AREA, 4));
        assertThat(layout.columnOf(SheetField.PHONE)).isEqualTo(-1);
    }

    @Test
    void an_empty_header_means_the_sheet_has_no_header_row() {
        assertThatThrownBy(() -> builtIn.resolve(List.of()))
                .isInstanceOf(SheetFormatException.class)
                .hasMessage("the sheet has no header row");
    }

    @Test
    void a_header_of_blank_cells_means_the_sheet_has_no_header_row() {
        assertThatThrownBy(() -> builtIn.resolve(List.of("", "  ", "\u3000")))
                .isInstanceOf(SheetFormatException.class)
                .hasMessage("the sheet has no header row");
    }

    @Test
    void a_missing_required_column_is_named_with_its_accepted_headers() {
        assertThatThrownBy(() -> builtIn.resolve(List.of("seller_number", "name", "phone")))
                .isInstanceOf(SheetFormatException.class)
                .hasMessageContaining("required field inquiry_date")
                .hasMessageContaining("inquiry_date, Inquiry Date, 反響日, 反響日付");
    }

    @Test
    void every_missing_required_column_is_named_at_once() {
        assertThatThrownBy(() -> builtIn.resolve(List.of("AA1", "山田", "2024-05-01")))
                .isInstanceOf(SheetFormatException.class)
                .hasMessageContaining("required field seller_number")
                .hasMessageContaining("required field name")
                .hasMessageContaining("required field inquiry_date");
    }

    @Test
    void two_columns_for_one_field_are_named_by_letter_and_header() {
        assertThatThrownBy(() -> builtIn.resolve(List.of("seller_number", "Name", "inquiry_date", "氏名")))
                .isInstanceOf(SheetFormatException.class)
                .hasMessageContaining("columns B 'Name' and D '氏名' both map to field name");
    }

    @Test
    void the_same_mapped_header_twice_is_a_collision_too() {
        assertThatThrownBy(() -> builtIn.resolve(List.of("seller_number", "name", "inquiry_date", "Phone", "phone")))
                .isInstanceOf(SheetFormatException.class)
                .hasMessageContaining("columns D 'Phone' and E 'phone' both map to field phone");
    }

    @Test
    void raw_keys_are_the_headers_as_written_and_trimmed() {
        ColumnLayout layout = builtIn.resolve(List.of(" Seller Number ", "氏名", "反響日", "メモ\u3000"));

        assertThat(layout.rawKeys()).containsExactly("Seller Number", "氏名", "反響日", "メモ");
    }

    @Test
    void a_blank_header_cell_is_keyed_by_its_column_letter() {
        ColumnLayout layout = builtIn.resolve(List.of("seller_number", "name", "inquiry_date", "", "memo", " "));

        assertThat(layout.rawKeys()).containsExactly("seller_number", "name", "inquiry_date", "column D", "memo",
                "column F");
    }

    @Test
    void a_repeated_unmapped_header_gets_its_column_letter_on_later_occurrences() {
        ColumnLayout layout = builtIn.resolve(List.of("seller_number", "memo", "name", "inquiry_date", "memo", "memo"));

        assertThat(layout.rawKeys()).containsExactly("seller_number", "memo", "name", "inquiry_date",
                "memo (column E)", "memo (column F)");
    }

    @Test
    void a_header_that_reads_like_a_generated_key_does_not_swallow_a_column() {
        ColumnLayout layout = builtIn.resolve(List.of("seller_number", "name", "inquiry_date", "column E", ""));

        assertThat(layout.rawKeys()).containsExactly("seller_number", "name", "inquiry_date", "column E",
                "column E (column E)");
    }

    @Test
    void a_mapping_file_replaces_the_aliases_of_the_fields_it_lists() throws IOException {
        Path file = write("fields:\n  name: [氏名, お名前]\n  phone: 連絡先\n");

        HeaderMapping mapping = HeaderMapping.fromYaml(file);

        assertThat(mapping.aliases(SheetField.NAME)).containsExactly("氏名", "お名前");
        assertThat(mapping.fieldFor("お名前")).contains(SheetField.NAME);
        assertThat(mapping.fieldFor("Name")).isEmpty();
        assertThat(mapping.fieldFor("連絡先")).contains(SheetField.PHONE);
        assertThat(mapping.fieldFor("電話番号")).isEmpty();
    }

    @Test
    void fields_a_mapping_file_does_not_list_keep_their_built_in_aliases() throws IOException {
        HeaderMapping mapping = HeaderMapping.fromYaml(write("fields:\n  name: [お名前]\n"));

        assertThat(mapping.aliases(SheetField.SELLER_NUMBER)).isEqualTo(builtIn.aliases(SheetField.SELLER_NUMBER));
        assertThat(mapping.fieldFor("売主番号")).contains(SheetField.SELLER_NUMBER);
        assertThat(mapping.resolve(List.of("売主番号", "お名前", "反響日")).columnOf(SheetField.NAME)).isEqualTo(1);
    }

    @Test
    void a_mapping_file_alias_matches_width_and_case_insensitively() throws IOException {
        HeaderMapping mapping = HeaderMapping.fromYaml(write("fields:\n  seller_number: [Seller ID]\n"));

        assertThat(mapping.fieldFor("ＳＥＬＬＥＲ　ｉｄ")).contains(SheetField.SELLER_NUMBER);
    }

    @Test
    void an_unknown_field_in_a_mapping_file_is_named_with_the_file() throws IOException {
        Path file = write("fields:\n  nmae: [氏名]\n");

        assertThatThrownBy(() -> HeaderMapping.fromYaml(file))
                .isInstanceOf(InvalidMappingException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown field 'nmae'")
                .hasMessageContaining("seller_number, name, inquiry_date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fields:\n  name: []\n", "fields:\n  name:\n", "fields:\n  name: [\"  \"]\n"})
    void a_field_without_aliases_is_rejected(String yaml) throws IOException {
        Path file = write(yaml);

        assertThatThrownBy(() -> HeaderMapping.fromYaml(file))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("field name has");
    }

    @Test
    void one_alias_claimed_by_two_fields_is_rejected() throws IOException {
        Path file = write("fields:\n  name: [氏名]\n  address: [ＳＨＩＭＥＩ, 氏名]\n");

        assertThatThrownBy(() -> HeaderMapping.fromYaml(file))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("header '氏名' is claimed by both name and address");
    }

    @Test
    void an_alias_that_another_field_keeps_built_in_is_rejected() throws IOException {
        Path file = write("fields:\n  name: [Status]\n");

        assertThatThrownBy(() -> HeaderMapping.fromYaml(file))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("is claimed by both name and status");
    }

    @Test
    void a_mapping_file_that_is_not_yaml_is_rejected_with_its_name() throws IOException {
        Path file = write("fields:\n  name: [氏名\n");

        assertThatThrownBy(() -> HeaderMapping.fromYaml(file))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void a_field_listed_twice_in_a_mapping_file_is_rejected() throws IOException {
        Path file = write("fields:\n  name: [氏名]\n  name: [お名前]\n");

        assertThatThrownBy(() -> HeaderMapping.fromYaml(file))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# nothing here\n", "- name\n", "feilds:\n  name: [氏名]\n", "fields: [name]\n",
        "fields:\n  name: [{a: b}]\n"})
    void a_mapping_file_of_the_wrong_shape_is_rejected_with_its_name(String yaml) throws IOException {
        Path file = write(yaml);

        assertThatThrownBy(() -> HeaderMapping.fromYaml(file))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("mapping file " + file);
    }

    @Test
    void a_missing_mapping_file_is_rejected_with_its_name() {
        Path file = dir.resolve("absent.yaml");

        assertThatThrownBy(() -> HeaderMapping.fromYaml(file))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("cannot be read");
    }

    @Test
    void an_empty_fields_mapping_keeps_the_built_in_aliases() throws IOException {
        HeaderMapping mapping = HeaderMapping.fromYaml(write("fields: {}\n"));

        for (SheetField field : SheetField.values()) {
            assertThat(mapping.aliases(field)).isEqualTo(builtIn.aliases(field));
        }
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("mapping.yaml"), yaml);
    }
}
