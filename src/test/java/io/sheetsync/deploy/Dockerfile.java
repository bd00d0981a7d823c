package io.sheetsync.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sheetsync.support.DeployFiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * docker/Dockerfile as its instructions: comments dropped, continued lines joined, grouped into build stages.
 *
 * @param stages the stages in order; the last is the image
 */
record Dockerfile(List<Stage> stages) {

    /** One instruction, e.g. {@code RUN} with its arguments as written. */
    record Instruction(String keyword, String arguments) {
    }

    /** A stage: its {@code FROM} line and the instructions after it. */
    record Stage(String from, List<Instruction> instructions) {

        List<String> arguments(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        /** The one argument list of an instruction that must appear exactly once in the stage. */
        String single(String keyword) {
            List<String> found = arguments(keyword);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + keyword + " in the stage " + from + ", found " + found);
            }
            return found.get(0);
        }
    }

    static Dockerfile read() {
        List<Stage> stages = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : DeployFiles.read(DeployFiles.docker("Dockerfile")).lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String[] parts = logical.toString().strip().split("\\s+", 2);
            logical.setLength(0);
            Instruction instruction = new Instruction(parts[0].toUpperCase(java.util.Locale.ROOT),
                    parts.length > 1 ? parts[1].replaceAll("\\s+", " ") : "");
            if (instruction.keyword().equals("FROM")) {
                stages.add(new Stage(instruction.arguments(), new ArrayList<>()));
            } else if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    Stage build() {
        return stages.get(0);
    }

    Stage image() {
        return stages.get(stages.size() - 1);
    }

    /** The build stage's RUN commands, without their BuildKit flags ({@code --mount=...}). */
    List<String> buildCommands() {
        return build().arguments("RUN").stream()
                .map(run -> run.replaceAll("^(--[a-z]+=\\S+\\s+)+", ""))
                .toList();
    }

    /** ENTRYPOINT and CMD (both exec form) as the one command the container runs. */
    List<String> entryCommand() {
        List<String> command = new ArrayList<>(execForm(image().single("ENTRYPOINT")));
        command.addAll(execForm(image().single("CMD")));
        return command;
    }

    String exposedPort() {
        return image().single("EXPOSE");
    }

    String user() {
        return image().single("USER");
    }

    String healthcheck() {
        return image().single("HEALTHCHECK");
    }

    /** The sources of the image stage's COPY lines ({@code --from=build /build/target/x.jar} as written). */
    List<String> imageCopies() {
        return image().arguments("COPY").stream()
                .map(copy -> String.join(" ", Arrays.copyOf(copy.split(" "), copy.split(" ").length - 1)))
                .toList();
    }

    private static List<String> execForm(String json) {
        try {
            return Arrays.asList(new ObjectMapper().readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new AssertionError("not exec form (a JSON array): " + json, e);
        }
    }
}
