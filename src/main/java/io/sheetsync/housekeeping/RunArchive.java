package io.sheetsync.housekeeping;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The archive of removed runs in SYNC_ARCHIVE_DIR: one gzip JSON Lines file per UTC day the runs started on,
 * {@code sheet-sync-YYYY-MM-DD.jsonl.gz}, one run with all its rows per line, the line starting with the run's id.
 *
 * <p>A batch is written before its runs are deleted, so a crash in between leaves runs archived but still in the
 * database; the next housekeeping archives them again. Writing is therefore idempotent: runs whose id is already in
 * their day's file are skipped. And it is atomic: the file with the new gzip member appended is written beside the
 * old one and renamed over it, so a crash mid-write leaves the previous file whole, never a torn gzip member.
 * One instance per housekeeping run: it remembers which ids each day's file holds.
 */
final class RunArchive {

    private static final String ID_PREFIX = "{\"id\":\"";
    private static final int UUID_LENGTH = 36;

    private final Path directory;
    private final Map<LocalDate, Set<UUID>> archivedByDay = new HashMap<>();

    RunArchive(Path directory) {
        this.directory = directory;
    }

    /** One archived run: its id and its JSON line (without the line break), which starts with {@code {"id":"<id>"}. */
    record Line(UUID id, String json) {
        Line {
            if (!json.startsWith(ID_PREFIX + id + "\"")) {
                throw new IllegalArgumentException("an archive line starts with its run's id");
            }
        }
    }

    static Path file(Path directory, LocalDate day) {
        return directory.resolve("sheet-sync-" + day + ".jsonl.gz");
    }

    /** Appends the runs not yet archived to their day's file; answers how many runs it wrote. */
    int write(LocalDate day, List<Line> lines) throws IOException {
        Path file = file(directory, day);
        if (!archivedByDay.containsKey(day)) {
            archivedByDay.put(day, idsIn(file));
        }
        Set<UUID> archived = archivedByDay.get(day);
        List<Line> fresh = lines.stream().filter(line -> !archived.contains(line.id())).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        Path next = directory.resolve("." + file.getFileName() + ".next");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(next))) {
            if (Files.exists(file)) {
                Files.copy(file, out);
            }
            // a gzip file may hold several members; readers (gunzip, zcat, GZIPInputStream) read them as one stream
            GZIPOutputStream member = new GZIPOutputStream(out);
            Writer writer = new OutputStreamWriter(member, StandardCharsets.UTF_8);
            for (Line line : fresh) {
                writer.write(line.json());
                writer.write('\n');
            }
            writer.flush();
            member.finish();
        }
        try (FileChannel written = FileChannel.open(next, StandardOpenOption.WRITE)) {
            written.force(true);
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fresh.forEach(line -> archived.add(line.id()));
        return fresh.size();
    }

    /** The ids of the runs a day's file holds (none when there is no file yet). */
    private static Set<UUID> idsIn(Path file) throws IOException {
        Set<UUID> ids = new HashSet<>();
        if (!Files.exists(file)) {
            return ids;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(ID_PREFIX) && line.length() >= ID_PREFIX.length() + UUID_LENGTH) {
                    ids.add(UUID.fromString(line.substring(ID_PREFIX.length(), ID_PREFIX.length() + UUID_LENGTH)));
                }
            }
        }
        return ids;
    }
}
