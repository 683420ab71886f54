package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.engine.scenario.EnvironmentOverrides;
import dev.pgdrill.engine.scenario.InvalidScenarioException;
import dev.pgdrill.engine.scenario.Problem;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Turns FILE|DIR arguments into validated scenarios, printing every problem of every file. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * Files named on the command line; a directory stands for its {@code *.yaml} files, sorted by name (a
     * link among them is kept, so that the loader refuses it aloud instead of reading or skipping it).
     */
    static List<Path> expand(List<Path> args) {
        List<Path> files = new ArrayList<>();
        for (Path a : args) {
            if (!Files.isDirectory(a)) {
                files.add(a);
                continue;
            }
            try (Stream<Path> s = Files.list(a)) {
                List<Path> yaml = s.filter(p -> (Files.isRegularFile(p) || Files.isSymbolicLink(p)) && p.getFileName().toString().matches(".*\\.ya?ml"))
                        .sorted().toList();
                if (yaml.isEmpty()) {
                    throw new DrillException(ExitCode.INVALID, a + ": no *.yaml scenario files in this directory");
                }
                files.addAll(yaml);
            } catch (IOException e) {
                throw new DrillException(ExitCode.INVALID, a + ": cannot list the directory: " + e.getMessage());
            }
        }
        return files;
    }

    /**
     * The scenarios that FILE|DIR arguments name, validated with the context's step types and
     * environment variables (see {@link #expand} and {@link #loadAll}).
     */
    static List<Scenario> load(CliContext ctx, List<Path> args, CommonOptions options) {
        ScenarioLoader loader = new ScenarioLoader(ctx.registry().get(), ctx.environment(),
                options.allowEnv(ctx.environment()));
        Set<String> marked = options.secrets.keySet();
        List<Path> files = expand(args);
        List<Scenario> scenarios = loadAll(files, Set.copyOf(args), loader, options.allVars(), marked,
                options.environmentOverrides(), ctx.err());
        warnUnmasked(ctx, scenarios);
        return scenarios;
    }

    /**
     * Every file that FILE|DIR arguments name, checked, with the problems kept instead of printed
     * (for output as data, see {@link Checked}); short-secret warnings still go to stderr.
     */
    static Checked check(CliContext ctx, List<Path> args, CommonOptions options) {
        ScenarioLoader loader = new ScenarioLoader(ctx.registry().get(), ctx.environment(),
                options.allowEnv(ctx.environment()));
        List<Path> files = expand(args);
        Checked checked = check(files, Set.copyOf(args), loader, options.allVars(), options.secrets.keySet(),
                options.environmentOverrides());
        printLeftOut(checked, ctx.err());
        warnUnmasked(ctx, checked.scenarios());
        return checked;
    }

    private static void warnUnmasked(CliContext ctx, List<Scenario> scenarios) {
        for (Scenario s : scenarios) {
            for (String name : s.secrets().unmasked()) {
                ctx.err().println("runner: warning: " + Printable.line(s.file().toString()) + ": secret '"
                        + Printable.line(name) + "' is shorter than " + Redactor.MIN_LENGTH
                        + " characters and is not masked by value (it would mask ordinary text everywhere)");
            }
        }
    }

    /**
     * The secret values among command-line variables: those given with {@code --secret} and those
     * whose name says secret ({@link Redactor#secretName}). Used for what is printed before (or
     * instead of) a loaded scenario, such as problems and usage errors.
     */
    static Redactor secrets(Map<String, String> vars, Set<String> marked) {
        Redactor r = new Redactor();
        for (Map.Entry<String, String> v : vars.entrySet()) {
            if (marked.contains(v.getKey()) || Redactor.secretName(v.getKey())) {
                r = r.with(v.getKey(), v.getValue());
            }
        }
        return r;
    }

    /**
     * The outcome of checking files: the valid scenarios, and every problem of the others (messages
     * not yet masked: see {@link #secrets}).
     *
     * @param files    how many files were checked
     * @param badFiles how many of them had problems
     * @param secrets  the command line's secret values, to mask problems with
     */
    record Checked(List<Scenario> scenarios, List<Problem> problems, int files, int badFiles, Redactor secrets,
                   Path onlyFile, List<String> leftOut) {
        /** Why nothing runs, when there are problems: {@code runner: 2 problems in x.yaml; nothing was run}. */
        DrillException failure() {
            return new DrillException(ExitCode.INVALID, "runner: " + Words.plural(problems.size(), "problem") + " in "
                    + (files == 1 ? onlyFile : badFiles + " of " + Words.plural(files, "file")) + "; nothing was run");
        }
    }

    /**
     * Loads every file, with the variables {@code marked} secret and the command line's environment
     * {@code overrides} ({@code --backup-tool}, {@code --pg-version}, {@code --seed}, {@code --setting}),
     * keeping every problem of every file, a step the chosen environment cannot do included. A file
     * not among {@code named} (so found in a directory) whose version requirement the chosen version does not
     * meet is left out, with the reason in {@link Checked#leftOut}, so that a suite runs on every version.
     */
    static Checked check(List<Path> files, Set<Path> named, ScenarioLoader loader, Map<String, String> vars,
                         Set<String> marked, EnvironmentOverrides overrides) {
        List<Scenario> scenarios = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        int badFiles = 0;
        for (Path f : files) {
            try {
                Scenario loaded = loader.load(f, vars, marked);
                String refusal = overrides.versionRefusal(loaded.environmentSpec());
                if (refusal != null && !named.contains(f)) {
                    leftOut.add(f + ": left out, " + refusal);
                    continue;
                }
                scenarios.add(loader.withOverrides(loaded, overrides));
            } catch (InvalidScenarioException e) {
                badFiles++;
                problems.addAll(e.problems());
            }
        }
        return new Checked(scenarios, problems, files.size(), badFiles, secrets(vars, marked),
                files.size() == 1 ? files.get(0) : null, leftOut);
    }

    private static void printLeftOut(Checked checked, PrintStream err) {
        for (String note : checked.leftOut()) {
            err.println("runner: " + Printable.line(checked.secrets().mask(note)));
        }
    }

    /**
     * Loads every file as {@link #check} does. Prints all problems of all files on {@code err}; then,
     * if there were any, throws a DrillException (exit 2) summarising them.
     */
    static List<Scenario> loadAll(List<Path> files, Set<Path> named, ScenarioLoader loader, Map<String, String> vars,
                                  Set<String> marked, EnvironmentOverrides overrides, PrintStream err) {
        Checked checked = check(files, named, loader, vars, marked, overrides);
        printLeftOut(checked, err);
        for (Problem p : checked.problems()) {
            err.println(Printable.text(checked.secrets().mask(p.toString())));
        }
        if (!checked.problems().isEmpty()) {
            throw checked.failure();
        }
        return checked.scenarios();
    }

    /** {@code 3 steps}, or {@code 3 steps, 1 finally step} when the drill has finally steps. */
    static String stepCounts(Scenario s) {
        return Words.plural(s.steps().size(), "step")
                + (s.finallySteps().isEmpty() ? "" : ", " + Words.plural(s.finallySteps().size(), "finally step"));
    }
}
