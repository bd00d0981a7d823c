package io.sheetsync.support;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's deployment files (docker/) read as an operator's tools read them: YAML with anchors and merge keys
 * as Compose and Kubernetes take it, and README's configuration table as the list of settings that exist.
 */
public final class DeployFiles {

    private static final Pattern SETTING = Pattern.compile("SYNC_[A-Z0-9_]+");

    private DeployFiles() {
    }

    /** The repository root (Maven runs the tests there). */
    public static Path root() {
        return Path.of("").toAbsolutePath();
    }

    /** A path under docker/. */
    public static Path docker(String relative) {
        return root().resolve("docker").resolve(relative);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document as maps and lists (anchors and {@code <<} merge keys resolved, as Compose does). */
    public static Map<String, Object> yaml(Path file) {
        return map(yaml().load(read(file)));
    }

    /** Every document of a multi-document YAML file (Kubernetes manifests). */
    public static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : yaml().loadAll(read(file))) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    /** Writes maps and lists as YAML (a test's edited copy of a shipped file). */
    public static void writeYaml(Path file, Map<String, Object> document) {
        try {
            Files.writeString(file, yaml().dump(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment keys README's configuration table lists (the contract's settings). */
    public static Set<String> configurationKeys() {
        Set<String> keys = new TreeSet<>();
        for (String row : configurationRows()) {
            Matcher key = SETTING.matcher(row.split("\\|")[1]);
            while (key.find()) {
                keys.add(key.group());
            }
        }
        if (keys.isEmpty()) {
            throw new AssertionError("README.md has no configuration table under '## Configuration'");
        }
        return keys;
    }

    /** The default README's configuration table gives a key, e.g. {@code 8080} for SYNC_HTTP_PORT. */
    public static String configurationDefault(String key) {
        return configurationRows().stream()
                .filter(row -> row.split("\\|")[1].strip().equals(key))
                .map(row -> row.split("\\|")[2].strip().replace("`", ""))
                .findFirst().orElseThrow(() -> new AssertionError("README's configuration table has no " + key));
    }

    private static List<String> configurationRows() {
        String readme = read(root().resolve("README.md"));
        int start = readme.indexOf("\n## Configuration");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end).lines().filter(line -> line.startsWith("| SYNC_")).toList();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return new LinkedHashMap<>((Map<String, Object>) value);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (!(value instanceof List<?>)) {
            throw new AssertionError("expected a list, got " + value);
        }
        return (List<Object>) value;
    }

    /** The value at a path of keys, e.g. {@code at(deployment, "spec", "template", "spec")}. */
    public static Object at(Map<String, Object> document, String... keys) {
        Object value = document;
        for (String key : keys) {
            value = map(value).get(key);
            if (value == null) {
                throw new AssertionError("no " + String.join(".", keys) + " (missing at '" + key + "')");
            }
        }
        return value;
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }
}
