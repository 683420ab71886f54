package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.report.JsonJournal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The journals that {@code runner report --merge} arguments name, each with the label its run is shown under. */
final class MergeInputs {
    private MergeInputs() {
    }

    /**
     * @param journal the journal file
     * @param label   the argument (or subdirectory) that named it, as the user wrote it
     */
    record Input(Path journal, String label) {
    }

    /**
     * A file is a journal (its label: its directory when it is a {@code journal.json}); a directory
     * stands for its {@code journal.json}, or, without one, for the {@code journal.json} of each of
     * its subdirectories (sorted; links not followed), as CI jobs download several runs' artifacts.
     *
     * @throws DrillException (exit 2) when an argument names no journal, or two name the same one
     */
    static List<Input> resolve(List<Path> args) {
        List<Input> inputs = new ArrayList<>();
        for (Path a : args) {
            if (Files.isRegularFile(a)) {
                Path parent = a.getParent();
                boolean standard = a.getFileName().toString().equals(JsonJournal.FILE) && parent != null;
                inputs.add(new Input(a, (standard ? parent : a).toString()));
            } else if (Files.isDirectory(a)) {
                inputs.addAll(inDirectory(a));
            } else {
                throw invalid(a + ": no such file or directory");
            }
        }
        Map<Path, Input> seen = new HashMap<>();
        for (Input in : inputs) {
            Input before = seen.putIfAbsent(real(in.journal()), in);
            if (before != null) {
                throw invalid(before.journal() + " and " + in.journal() + " are the same journal; name each run once");
            }
        }
        return inputs;
    }

    private static List<Input> inDirectory(Path dir) {
        Path own = dir.resolve(JsonJournal.FILE);
        if (Files.isRegularFile(own)) {
            return List.of(new Input(own, dir.toString()));
        }
        List<Input> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path sub : s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                Path j = sub.resolve(JsonJournal.FILE);
                if (Files.isRegularFile(j, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(new Input(j, sub.toString()));
                }
            }
        } catch (IOException e) {
            throw invalid(dir + ": cannot list the directory: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw invalid(dir + ": no " + JsonJournal.FILE + " in it or in its subdirectories (a report directory "
                    + "of a run holds one)");
        }
        return found;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static DrillException invalid(String message) {
        return new DrillException(ExitCode.INVALID, "runner report --merge: " + message + "; nothing was written");
    }
}
