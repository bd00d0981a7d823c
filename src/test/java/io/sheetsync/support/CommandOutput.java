package io.sheetsync.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Captured stdout and stderr of one command ({@code --once}, {@code --plan}) run in-process. */
public final class CommandOutput {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    public final PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    public final PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);

    public String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    public String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    /** The one line on stdout, as JSON. */
    public JsonNode line() throws IOException {
        String[] lines = stdout().strip().split("\n");
        assertThat(lines).as("lines on stdout").hasSize(1);
        return new ObjectMapper().readTree(lines[0]);
    }
}
