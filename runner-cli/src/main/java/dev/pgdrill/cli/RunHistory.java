package dev.pgdrill.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.report.DrillReport;
import dev.pgdrill.engine.report.ReportPaths;
import dev.pgdrill.engine.report.RunReport;
import dev.pgdrill.engine.report.StepReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * {@code --history FILE}: one JSON line per drill run appended to FILE, so that a schedule keeps the record of its
 * restore tests: when, which drill, its verdict and duration, and per {@code restore} step the source, the backup
 * (set and label, start and stop), the target, the restore's seconds and each objective's verdict. Values come
 * from the run's report, masked as the journal is.
 */
final class RunHistory {
    /** The format of a history line; a later version adds keys, never changes one. */
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RESTORE_OUTPUTS = List.of("node", "source", "backup", "label", "backup-start",
            "backup-stop", "backup-start-lsn", "backup-stop-lsn", "seconds", "timeline", "objective-rto",
            "objective-max-backup-age", "objective-max-wal-age");

    private final Path file;

    /** @param file the {@code --history} file, or null */
    RunHistory(Path file) {
        this.file = file;
    }

    /** Refuses (exit 2, before anything runs) a {@code --history} that names a directory. */
    void check() {
        if (file != null && Files.isDirectory(file)) {
            throw new DrillException(ExitCode.INVALID, "runner: --history: " + file + " is a directory (name a file, "
                    + "e.g. restore-history.jsonl); nothing was run");
        }
    }

    /** Appends a line per drill of {@code run}; returns why it could not, or null. */
    String append(RunReport run) {
        if (file == null) {
            return null;
        }
        StringBuilder lines = new StringBuilder();
        for (DrillReport d : run.drills()) {
            lines.append(line(d)).append('\n');
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return null;
        } catch (IOException e) {
            return "cannot append to the history " + file + ": " + ReportPaths.reason(e);
        }
    }

    /** One drill's line: compact JSON, no line break inside. */
    static String line(DrillReport d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("start", d.start());
        o.put("drill", d.name());
        o.put("file", d.file());
        o.put("verdict", d.status().name());
        o.put("exitCode", d.exitCode().code());
        o.put("seconds", d.durationMs() / 1000.0);
        o.put("environment", d.environment());
        if (d.message() != null) {
            o.put("message", d.message());
        }
        ArrayNode restores = o.putArray("restores");
        for (StepReport s : d.allSteps()) {
            if (!s.type().equals("restore")) {
                continue;
            }
            ObjectNode r = restores.addObject();
            r.put("step", s.label());
            r.put("status", s.status().name());
            Object target = s.params().get("target");
            r.put("target", target instanceof Map<?, ?> m && !m.isEmpty() ? String.valueOf(m) : "latest");
            for (String key : RESTORE_OUTPUTS) {
                String value = s.outputs().get(key);
                if (value != null) {
                    r.put(key, value);
                }
            }
            if (s.message() != null) {
                r.put("message", s.message());
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a history line could not be written as JSON", e);
        }
    }
}
