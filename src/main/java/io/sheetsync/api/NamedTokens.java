package io.sheetsync.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sheetsync.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tokens of SYNC_TOKENS_FILE, each naming a person, so the audit trail says who acted. The file holds only the
 * SHA-256 of each token, so reading it gives nobody a token:
 *
 * <pre>
 * - name: hanako.sato
 *   role: operator
 *   sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * </pre>
 */
public final class NamedTokens {

    static final String KEY = "SYNC_TOKENS_FILE";
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-fA-F]{64}$");
    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{N}._@+\\- ]{1,100}$");

    /** One person's token. */
    record Entry(String name, Role role, byte[] sha256) {
    }

    private final List<Entry> entries;

    private NamedTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No named tokens: only the role tokens count. */
    public static NamedTokens none() {
        return new NamedTokens(List.of());
    }

    /** Reads the file; a malformed one throws a {@link ConfigException} naming the key and the line. */
    public static NamedTokens load(Path file) {
        if (file == null) {
            return none();
        }
        try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
            return new NamedTokens(read(parser));
        } catch (JsonProcessingException e) {
            throw problem(e.getLocation(), "is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(KEY, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The person a token belongs to, if it is one of the file's. */
    Optional<Caller> callerOf(String token) {
        byte[] hash = sha256(token);
        Entry found = null;
        for (Entry entry : entries) {
            // every entry is compared, so the time taken says nothing about which one matched
            if (MessageDigest.isEqual(hash, entry.sha256()) && found == null) {
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(entry -> new Caller(entry.name(), entry.role()));
    }

    /** How many named tokens there are. */
    public int size() {
        return entries.size();
    }

    private static List<Entry> read(JsonParser parser) throws IOException {
        List<Entry> entries = new ArrayList<>();
        JsonToken first = parser.nextToken();
        if (first == null) {
            return entries;
        }
        if (first != JsonToken.START_ARRAY) {
            throw problem(parser.currentTokenLocation(), "must be a list of tokens (- name: ..., role: ..., sha256: ...)");
        }
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation at = parser.currentTokenLocation();
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw problem(at, "each token must be a mapping with name, role and sha256");
            }
            Entry entry = entry(parser, at);
            if (!names.add(entry.name())) {
                throw problem(at, "the name '" + entry.name() + "' is given twice");
            }
            if (!hashes.add(HexFormat.of().formatHex(entry.sha256()))) {
                throw problem(at, "the sha256 of '" + entry.name() + "' is given twice");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static Entry entry(JsonParser parser, JsonLocation at) throws IOException {
        String name = null;
        String role = null;
        String sha256 = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonLocation valueAt = parser.currentTokenLocation();
            if (!parser.nextToken().isScalarValue()) {
                throw problem(valueAt, field + " must be a single value");
            }
            String value = parser.getValueAsString();
            switch (field) {
                case "name" -> name = value;
                case "role" -> role = value;
                case "sha256" -> sha256 = value;
                default -> throw problem(valueAt, "unknown key '" + field + "' (a token has name, role and sha256)");
            }
        }
        if (name == null || !NAME.matcher(name.trim()).matches()) {
            throw problem(at, "name must be 1 to 100 letters, digits, spaces or . _ @ + -");
        }
        Role parsedRole;
        try {
            parsedRole = Role.valueOf(String.valueOf(role).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw problem(at, "role of '" + name + "' must be viewer, operator or admin, was '" + role + "'");
        }
        if (sha256 == null || !SHA256.matcher(sha256.trim()).matches()) {
            throw problem(at, "sha256 of '" + name + "' must be 64 hex digits (printf %s \"$TOKEN\" | sha256sum)");
        }
        return new Entry(name.trim(), parsedRole, HexFormat.of().parseHex(sha256.trim().toLowerCase(Locale.ROOT)));
    }

    private static ConfigException problem(JsonLocation at, String problem) {
        String line = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ": ";
        return new ConfigException(KEY, line + problem);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
