package io.sheetsync.sheet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which header names stand for which field (CONTRACT section 5), matched case-, width- and whitespace-insensitively.
 *
 * <p>Use {@link #builtIn()}, or {@link #fromYaml(Path)} for a SYNC_MAPPING_FILE that replaces the aliases of some fields:
 * <pre>
 * fields:
 *   name: [氏名, お名前]
 * </pre>
 */
public final class HeaderMapping {

    private static final Map<SheetField, List<String>> BUILT_IN = builtInAliases();

    private final Map<SheetField, List<String>> aliases;
    private final Map<String, SheetField> fieldByKey;

    private HeaderMapping(Map<SheetField, List<String>> aliases) {
        this.aliases = Collections.unmodifiableMap(new EnumMap<>(aliases));
        this.fieldByKey = new HashMap<>();
        for (Map.Entry<SheetField, List<String>> entry : this.aliases.entrySet()) {
            for (String alias : entry.getValue()) {
                SheetField other = fieldByKey.putIfAbsent(key(alias), entry.getKey());
                if (other != null && other != entry.getKey()) {
                    throw new InvalidMappingException("header '" + alias + "' is claimed by both " + other.id()
                            + " and " + entry.getKey().id() + "; give it to one field only");
                }
            }
        }
    }

    /** The mapping of CONTRACT section 5. */
    public static HeaderMapping builtIn() {
        return new HeaderMapping(BUILT_IN);
    }

    /**
     * The built-in mapping with the aliases of the given fields replaced; fields not given keep their built-in aliases.
     *
     * @throws InvalidMappingException when a field gets no alias, a blank alias, or an alias another field has
     */
    public static HeaderMapping withAliases(Map<SheetField, List<String>> replacements) {
        Map<SheetField, List<String>> aliases = new EnumMap<>(BUILT_IN);
        replacements.forEach((field, list) -> {
            if (list.isEmpty()) {
                throw new InvalidMappingException("field " + field.id() + " has no header aliases; list at least one");
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (String alias : list) {
                if (alias == null || Cells.isBlank(alias)) {
                    throw new InvalidMappingException("field " + field.id() + " has a blank header alias");
                }
                distinct.add(Cells.strip(alias));
            }
            aliases.put(field, List.copyOf(distinct));
        });
        return new HeaderMapping(aliases);
    }

    /**
     * Reads a mapping file: a top-level {@code fields} mapping from field id to a list of header aliases (a single
     * string is read as a list of one).
     *
     * @throws InvalidMappingException naming the file and the problem: unreadable or malformed YAML, an unknown field,
     *                                 an empty alias list, or one alias claimed by two fields
     */
    public static HeaderMapping fromYaml(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            // SnakeYAML's messages span several lines with a caret; a log line should not.
            String problem = e.getOriginalMessage().replaceAll("\\s+", " ").strip();
            throw new InvalidMappingException("mapping file " + file + " is not valid YAML: " + problem
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new InvalidMappingException("mapping file " + file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return withAliases(replacements(root));
        } catch (InvalidMappingException e) {
            throw new InvalidMappingException("mapping file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<SheetField, List<String>> replacements(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidMappingException("the file is empty; expected a top-level 'fields' mapping");
        }
        if (!root.isObject()) {
            throw new InvalidMappingException("expected a top-level 'fields' mapping, found " + describe(root));
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (!entry.getKey().equals("fields")) {
                throw new InvalidMappingException("unknown top-level key '" + entry.getKey()
                        + "' (expected only 'fields')");
            }
        }
        JsonNode fields = root.path("fields");
        if (fields.isMissingNode() || fields.isNull()) {
            throw new InvalidMappingException("no 'fields' mapping found");
        }
        if (!fields.isObject()) {
            throw new InvalidMappingException("'fields' must map field names to header lists, found " + describe(fields));
        }
        Map<SheetField, List<String>> replacements = new EnumMap<>(SheetField.class);
        for (Map.Entry<String, JsonNode> entry : fields.properties()) {
            SheetField field = SheetField.byId(entry.getKey()).orElseThrow(() -> new InvalidMappingException(
                    "unknown field '" + entry.getKey() + "' (known fields: " + knownFields() + ")"));
            replacements.put(field, aliasList(field, entry.getValue()));
        }
        return replacements;
    }

    private static List<String> aliasList(SheetField field, JsonNode node) {
        if (node.isValueNode() && !node.isNull()) {
            return List.of(node.asText());
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidMappingException("field " + field.id() + " has no header aliases; list at least one");
        }
        List<String> aliases = new ArrayList<>(node.size());
        for (JsonNode alias : node) {
            if (!alias.isValueNode() || alias.isNull()) {
                throw new InvalidMappingException("field " + field.id() + " lists " + describe(alias)
                        + " where a header name belongs");
            }
            aliases.add(alias.asText());
        }
        return aliases;
    }

    private static String describe(JsonNode node) {
        return node.isNull() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
    }

    private static String knownFields() {
        return Arrays.stream(SheetField.values()).map(SheetField::id).collect(Collectors.joining(", "));
    }

    /** The header names accepted for the field, as configured. */
    public List<String> aliases(SheetField field) {
        return aliases.getOrDefault(field, List.of());
    }

    /** The field a header names, if any. */
    public Optional<SheetField> fieldFor(String header) {
        return Optional.ofNullable(fieldByKey.get(key(header)));
    }

    /**
     * Finds each field's column in a header row and gives every column a unique raw key.
     *
     * @throws SheetFormatException when the header row is missing, lacks a required field, or maps two columns to one
     *                              field (all problems in one message)
     */
    public ColumnLayout resolve(List<String> headerRow) {
        if (headerRow.stream().allMatch(cell -> cell == null || Cells.isBlank(cell))) {
            throw new SheetFormatException("the sheet has no header row");
        }
        Map<SheetField, List<Integer>> columnsByField = new EnumMap<>(SheetField.class);
        List<String> rawKeys = new ArrayList<>(headerRow.size());
        Set<String> usedKeys = new HashSet<>();
        for (int column = 0; column < headerRow.size(); column++) {
            String header = headerRow.get(column) == null ? "" : Cells.strip(headerRow.get(column));
            if (header.isEmpty()) {
                rawKeys.add(ColumnLayout.uniqueKey("column " + ColumnLayout.columnLetter(column), column, usedKeys));
            } else {
                rawKeys.add(ColumnLayout.uniqueKey(header, column, usedKeys));
                int at = column;
                fieldFor(header).ifPresent(f -> columnsByField.computeIfAbsent(f, x -> new ArrayList<>()).add(at));
            }
        }
        List<String> problems = new ArrayList<>();
        Map<SheetField, Integer> columns = new EnumMap<>(SheetField.class);
        for (SheetField field : SheetField.values()) {
            List<Integer> found = columnsByField.getOrDefault(field, List.of());
            if (found.size() > 1) {
                List<String> named = found.stream()
                        .map(c -> ColumnLayout.columnLetter(c) + " '" + Cells.strip(headerRow.get(c)) + "'").toList();
                problems.add("columns " + String.join(", ", named.subList(0, named.size() - 1)) + " and "
                        + named.get(named.size() - 1) + (found.size() == 2 ? " both map" : " all map") + " to field "
                        + field.id() + "; rename or remove all but one");
            } else if (found.size() == 1) {
                columns.put(field, found.get(0));
            } else if (field.required()) {
                problems.add("no column for required field " + field.id() + " (accepted headers: "
                        + String.join(", ", aliases(field)) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new SheetFormatException("the header row cannot be used: " + String.join("; ", problems));
        }
        return new ColumnLayout(columns, rawKeys);
    }

    /** The form headers are compared in: NFKC, lower case, with every whitespace and invisible character removed. */
    static String key(String header) {
        String folded = Cells.nfkc(header).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (!Cells.isInvisible(c)) {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static Map<SheetField, List<String>> builtInAliases() {
        Map<SheetField, List<String>> aliases = new EnumMap<>(SheetField.class);
        aliases.put(SheetField.SELLER_NUMBER, List.of("seller_number", "Seller Number", "売主番号"));
        aliases.put(SheetField.NAME, List.of("name", "Name", "氏名", "名前", "売主名"));
        aliases.put(SheetField.INQUIRY_DATE, List.of("inquiry_date", "Inquiry Date", "反響日", "反響日付"));
        aliases.put(SheetField.PHONE, List.of("phone", "Phone", "電話番号"));
        aliases.put(SheetField.EMAIL, List.of("email", "Email", "メールアドレス"));
        aliases.put(SheetField.ADDRESS, List.of("address", "Address", "住所", "売主住所"));
        aliases.put(SheetField.STATUS, List.of("status", "Status", "状況", "ステータス"));
        aliases.put(SheetField.PROPERTY_ADDRESS, List.of("property_address", "Property Address", "物件所在地", "物件住所"));
        aliases.put(SheetField.PROPERTY_TYPE, List.of("property_type", "Property Type", "種別", "物件種別"));
        aliases.put(SheetField.LAND_AREA, List.of("land_area", "Land Area", "土地面積"));
        aliases.put(SheetField.BUILDING_AREA, List.of("building_area", "Building Area", "建物面積"));
        aliases.put(SheetField.UPDATED_AT, List.of("updated_at", "Updated At", "最終更新日時", "更新日時"));
        return Collections.unmodifiableMap(aliases);
    }
}
