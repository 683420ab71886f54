package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.model.TrialPlan;
import dev.pgdrill.engine.step.StepRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns a scenario file into a validated, immutable {@link Scenario}, or reports every problem in it
 * at once as an {@link InvalidScenarioException}. Nothing is run and nothing outside the file is
 * touched, except reading the environment variables that {@code ${env.X}} references name.
 *
 * <pre>
 * name: pitr                      # default: file name without .yaml
 * description: ...
 * environment:                    # optional; each key but database also a command-line override
 *   backup-tool: pgbackrest       # pg_basebackup (default) | pgbackrest; see EnvironmentReader for
 *   postgres: 17                  # postgres, database, seed and settings
 * vars: { victim: Johnson }       # scalars; --var overrides (then never raw SQL text)
 * secrets: [ db_pass ]            # variables whose values are masked everywhere (see SecretsReader)
 * timeout: 10m                    # whole drill (default 10m)
 * tags: [smoke, pitr]             # plain names for 'runner --tags' (see TAG)
 * repeat: 20                      # trials per run, each in a fresh environment (--repeat overrides)
 * trials: { max-lost: 0 }         # bounds over the trials (see TrialBound)
 * steps:                          # required, not empty
 *   - id: before                  # optional: [a-z][a-z0-9_-]*, makes outputs addressable
 *     name: record the target     # optional
 *     timeout: 30s                # optional, per step
 *     capture-target: { on: primary }   # exactly one step-type key
 * finally: [ ... ]                # always run
 * </pre>
 */
public final class ScenarioLoader {
    /** Largest scenario file accepted. */
    public static final int MAX_BYTES = 1024 * 1024;
    /** Drill deadline when the file sets none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    static final List<String> TOP_LEVEL_KEYS = List.of("name", "description", "environment", "vars", "secrets",
            "timeout", "tags", "repeat", "trials", "steps", "finally");
    /** What a tag is: a plain lower-case name, so that {@code --tags a,!b} needs no quoting. */
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final StepRegistry registry;
    private final Function<String, String> environment;
    private final EnvAllowlist allowEnv;

    /** A loader for which {@code ${env.X}} reads nothing (see {@link EnvAllowlist}). */
    public ScenarioLoader(StepRegistry registry) {
        this(registry, System::getenv, EnvAllowlist.NONE);
    }

    /** A loader for which {@code ${env.X}} reads nothing: no variable is allowed (see {@link EnvAllowlist}). */
    public ScenarioLoader(StepRegistry registry, Function<String, String> environment) {
        this(registry, environment, EnvAllowlist.NONE);
    }

    /**
     * @param environment looks up {@code ${env.X}}; null means unset
     * @param allowEnv    the variables a drill may read; any other {@code ${env.X}} is refused, and reads as unset
     */
    public ScenarioLoader(StepRegistry registry, Function<String, String> environment, EnvAllowlist allowEnv) {
        this.registry = registry;
        this.allowEnv = allowEnv;
        this.environment = allowEnv.filter(environment);
    }

    /**
     * @param file         as the user named it; messages show it the same way
     * @param varOverrides {@code --var k=v} values; they replace or add to {@code vars:}
     */
    public Scenario load(Path file, Map<String, String> varOverrides) {
        return load(file, varOverrides, Set.of());
    }

    /**
     * Like {@link #load(Path, Map)}, with the variables that {@code --secret NAME=VALUE} defined
     * (they are in {@code varOverrides} too) marked secret.
     */
    public Scenario load(Path file, Map<String, String> varOverrides, Set<String> secretVars) {
        Problems problems = new Problems(file);
        byte[] content = read(file, problems);
        if (content == null) {
            throw new InvalidScenarioException(problems.sorted());
        }
        return parse(file, content, varOverrides, secretVars);
    }

    /** Like {@link #load} for content already in memory ({@code file} is used for messages and the default name). */
    public Scenario parse(Path file, byte[] content, Map<String, String> varOverrides) {
        return parse(file, content, varOverrides, Set.of());
    }

    /** Like {@link #parse(Path, byte[], Map)}, with {@code secretVars} marked secret. */
    public Scenario parse(Path file, byte[] content, Map<String, String> varOverrides, Set<String> secretVars) {
        Problems problems = new Problems(file);
        if (content.length > MAX_BYTES) {
            tooLarge(file, content.length, problems);
            throw new InvalidScenarioException(problems.list());
        }
        YamlNode root = YamlTreeReader.read(file, content, problems.list());
        if (root == null) {
            throw new InvalidScenarioException(problems.sorted());
        }
        if (!(root instanceof YamlNode.Mapping top)) {
            problems.add(root.location(), "expected a mapping at the top (name:, steps:, ...), found "
                    + YamlNode.describe(root));
            throw new InvalidScenarioException(problems.sorted());
        }
        Scenario scenario = build(file, top, varOverrides, secretVars, problems);
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems.sorted());
        }
        return scenario;
    }

    private Scenario build(Path file, YamlNode.Mapping top, Map<String, String> overrides, Set<String> secretVars,
                           Problems problems) {
        for (YamlNode.Entry e : top.entries()) {
            if (!TOP_LEVEL_KEYS.contains(e.key())) {
                problems.add(e.keyLocation(), "unknown top-level key '" + e.key() + "'"
                        + DidYouMean.hint(e.key(), TOP_LEVEL_KEYS) + " (expected: " + String.join(", ", TOP_LEVEL_KEYS) + ")");
            }
        }
        String name = text(top, "name", problems, defaultName(file));
        String description = text(top, "description", problems, "");
        Map<String, String> vars = vars(top.entry("vars"), problems);
        Set<String> fileVars = new HashSet<>(vars.keySet());
        fileVars.removeAll(overrides.keySet());
        vars.putAll(overrides);
        Set<String> secretNames = new HashSet<>(secretVars);
        secretNames.addAll(SecretsReader.listed(top.entry("secrets"), vars, problems));
        References statics = new References(vars, environment, allowEnv, Map.of());
        EnvironmentSpec environmentSpec = EnvironmentReader.read(top.entry("environment"), file, problems,
                statics::staticText);
        TimeoutReader timeouts = new TimeoutReader(problems, statics::staticText);
        Duration timeout = DEFAULT_TIMEOUT;
        if (top.entry("timeout") != null) {
            Duration d = timeouts.read(top.entry("timeout").value(), "'timeout' of the drill");
            timeout = d == null ? timeout : d;
        }
        Set<String> tags = tags(top.entry("tags"), problems);
        TrialPlan trials = TrialsReader.read(top, problems);
        StepReader reader = new StepReader(registry, problems, timeouts);
        List<StepDraft> steps = new ArrayList<>();
        YamlNode.Entry stepsEntry = top.entry("steps");
        boolean stepsMisspelled = top.entries().stream()
                .anyMatch(e -> DidYouMean.suggest(e.key(), TOP_LEVEL_KEYS).filter("steps"::equals).isPresent());
        if (stepsEntry == null && !stepsMisspelled) {
            problems.add(top.location(), "missing 'steps': a drill needs a list of steps (see 'runner steps')");
        } else if (stepsEntry != null) {
            steps = reader.read(stepsEntry);
            if (steps.isEmpty() && stepsEntry.value() instanceof YamlNode.Scalar s && s.isNull()
                    || stepsEntry.value() instanceof YamlNode.Sequence q && q.items().isEmpty()) {
                problems.add(stepsEntry.keyLocation(), "'steps' is empty: a drill needs at least one step");
            }
        }
        List<StepDraft> finallySteps = top.entry("finally") == null ? List.of() : reader.read(top.entry("finally"));
        List<StepDraft> inOrder = new ArrayList<>(steps);
        inOrder.addAll(finallySteps);
        Map<String, StepDraft> ids = ids(inOrder, problems);
        new StepChecker(problems, new References(vars, fileVars, environment, allowEnv, ids),
                environmentSpec.initialNodes())
                .check(inOrder);
        if (!problems.isEmpty()) {
            return null;
        }
        List<StepSpec> specs = steps.stream().map(StepDraft::toSpec).toList();
        List<StepSpec> finallySpecs = finallySteps.stream().map(StepDraft::toSpec).toList();
        EnvironmentReader.check(registry, specs, environmentSpec, problems);
        EnvironmentReader.check(registry, finallySpecs, environmentSpec, problems);
        List<StepSpec> all = new ArrayList<>(specs);
        all.addAll(finallySpecs);
        trials = TrialsReader.withDraws(trials, all, registry, statics::staticText);
        return new Scenario(file, name, description, vars, specs, finallySpecs, timeout,
                SecretsReader.collect(top, vars, secretNames, environment), environment, tags, environmentSpec,
                trials, null);
    }

    /**
     * {@code scenario} with its {@code environment:} block overridden by the command line
     * ({@code --backup-tool}, {@code --pg-version}, {@code --seed}, {@code --setting}), its steps checked
     * against the result: a step the chosen environment cannot do, a version the file's requirement
     * refuses (its {@code postgres: ">= 17"}) or a seed file that cannot be read is refused here, before
     * anything runs.
     *
     * @throws InvalidScenarioException listing every problem
     */
    public Scenario withOverrides(Scenario scenario, EnvironmentOverrides overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return scenario;
        }
        EnvironmentSpec file = scenario.environmentSpec();
        EnvironmentSpec spec = overrides.applyTo(file);
        Problems problems = new Problems(scenario.file());
        String versionRefusal = overrides.versionRefusal(file);
        if (versionRefusal != null) {
            problems.addForFile(versionRefusal);
        }
        for (Path seed : overrides.seed()) {
            String why = EnvironmentReader.seedFileProblem(seed);
            if (why != null) {
                problems.addForFile("--seed " + seed + ": the file " + why);
            }
        }
        EnvironmentReader.check(registry, scenario.steps(), spec, problems);
        EnvironmentReader.check(registry, scenario.finallySteps(), spec, problems);
        if (!problems.isEmpty()) {
            throw new InvalidScenarioException(problems.sorted());
        }
        return new Scenario(scenario.file(), scenario.name(), scenario.description(), scenario.vars(), scenario.steps(),
                scenario.finallySteps(), scenario.timeout(), scenario.secrets(), scenario.environment(), scenario.tags(),
                spec, scenario.trials(), scenario.trial());
    }

    private static Map<String, StepDraft> ids(List<StepDraft> inOrder, Problems problems) {
        Map<String, StepDraft> ids = new HashMap<>();
        for (StepDraft d : inOrder) {
            if (d.id == null) {
                continue;
            }
            StepDraft first = ids.putIfAbsent(d.id, d);
            if (first != null) {
                problems.add(d.idLocation, d.label() + ": duplicate id '" + d.id + "' (already used by "
                        + first.label() + " at line " + first.idLocation.line() + "); ids must be unique");
            }
        }
        return ids;
    }

    private static String text(YamlNode.Mapping top, String key, Problems problems, String fallback) {
        YamlNode.Entry e = top.entry(key);
        if (e == null) {
            return fallback;
        }
        if (e.value() instanceof YamlNode.Scalar s && !s.isNull()) {
            return String.valueOf(s.value());
        }
        problems.add(e.value().location(), "'" + key + "' must be text, found " + YamlNode.describe(e.value()));
        return fallback;
    }

    /** The names under {@code tags:}, each a {@link #TAG}, none twice. */
    private static Set<String> tags(YamlNode.Entry entry, Problems problems) {
        Set<String> tags = new LinkedHashSet<>();
        if (entry == null || entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return tags;
        }
        if (!(entry.value() instanceof YamlNode.Sequence q)) {
            problems.add(entry.value().location(), "'tags' must be a list of names (e.g. 'tags: [smoke, pitr]'), found "
                    + YamlNode.describe(entry.value()));
            return tags;
        }
        for (YamlNode item : q.items()) {
            String tag = item instanceof YamlNode.Scalar s && s.value() instanceof String t ? t : null;
            if (tag == null || !TAG.matcher(tag).matches()) {
                problems.add(item.location(), "'tags': expected a name of lower-case letters, digits, '-' or '_' "
                        + "(at most 40, starting with a letter or digit), found " + YamlNode.describe(item));
            } else if (!tags.add(tag)) {
                problems.add(item.location(), "'tags': '" + tag + "' is listed twice");
            }
        }
        return tags;
    }

    private static Map<String, String> vars(YamlNode.Entry entry, Problems problems) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (entry == null || entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return vars;
        }
        if (!(entry.value() instanceof YamlNode.Mapping m)) {
            problems.add(entry.value().location(), "'vars' must be a mapping of names to values "
                    + "(e.g. 'vars: {victim: Johnson}'), found " + YamlNode.describe(entry.value()));
            return vars;
        }
        for (YamlNode.Entry e : m.entries()) {
            if (e.value() instanceof YamlNode.Scalar s && !s.isNull()) {
                vars.put(e.key(), String.valueOf(s.value()));
            } else {
                problems.add(e.value().location(), "variable '" + e.key() + "': expected text or a number, found "
                        + YamlNode.describe(e.value()));
            }
        }
        return vars;
    }

    /** File name without .yaml / .yml. */
    public static String defaultName(Path file) {
        Path f = file.getFileName();
        String n = f == null ? "drill" : f.toString();
        return n.replaceFirst("\\.ya?ml$", "");
    }

    private static void tooLarge(Path file, long size, Problems problems) {
        problems.add(new Location(file, 1, 1), "file too large (" + size + " bytes): a scenario may be at most "
                + MAX_BYTES / 1024 + " KiB");
    }

    /**
     * The file's content: a regular file, not a link (a link could point at a file only root may read, or
     * at a device that never ends), read up to {@link #MAX_BYTES} however large it is or grows.
     */
    private static byte[] read(Path file, Problems problems) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                problems.addForFile("is a directory, not a scenario file");
                return null;
            }
            if (a.isSymbolicLink()) {
                problems.addForFile("is a symbolic link; name the scenario file itself (links are not followed)");
                return null;
            }
            if (!a.isRegularFile()) {
                problems.addForFile("is not a regular file (a device, pipe or socket); a scenario is a YAML file");
                return null;
            }
            if (a.size() > MAX_BYTES) {
                tooLarge(file, a.size(), problems);
                return null;
            }
            byte[] content;
            try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                content = in.readNBytes(MAX_BYTES + 1);
            }
            if (content.length > MAX_BYTES) {
                tooLarge(file, content.length, problems);
                return null;
            }
            return content;
        } catch (NoSuchFileException e) {
            problems.addForFile("no such file");
        } catch (AccessDeniedException e) {
            problems.addForFile("permission denied");
        } catch (IOException e) {
            problems.addForFile("cannot read: " + e.getMessage());
        }
        return null;
    }
}
