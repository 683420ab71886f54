package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.env.PgVersion;
import dev.pgdrill.engine.model.TrialPlan;
import dev.pgdrill.engine.scenario.EnvAllowlist;
import dev.pgdrill.engine.scenario.EnvironmentOverrides;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Options every command accepts (before or after the subcommand name). */
public final class CommonOptions {
    @Option(names = "--var", paramLabel = "NAME=VALUE", converter = VarName.class,
            description = "Set or override a scenario variable (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "Read variables from FILE: a YAML mapping (*.yaml, *.yml) or NAME=VALUE lines (repeatable; "
                    + "later files and every --var override earlier ones).")
    List<Path> varFiles = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "NAME=VALUE",
            description = "Set a scenario variable like --var and mask its value in all output and reports (repeatable).")
    Map<String, String> secrets = new LinkedHashMap<>();

    @Option(names = "--allow-env", paramLabel = "NAME", converter = AllowEnvEntry.class,
            description = "Let drills read the environment variable NAME with $${env.NAME} (repeatable; a glob such as "
                    + "APP_* allows every match; PGDRILL_ALLOW_ENV=A,B adds more). Without it a drill reads none.")
    List<String> allowEnv = new ArrayList<>();

    @Option(names = "--backup-tool", paramLabel = "TOOL", converter = ToolName.class, completionCandidates = ToolName.class,
            description = "Archive, back up and restore with TOOL (one of: ${COMPLETION-CANDIDATES}) instead of the "
                    + "scenario's environment: { backup-tool: ... }.")
    BackupTool backupTool;

    @Option(names = "--pg-version", paramLabel = "MAJOR", converter = VersionText.class,
            description = "Run the nodes on this PostgreSQL major version (15 or 17) instead of the scenario's "
                    + "environment: { postgres: ... }; a drill that requires another version is refused.")
    PgVersion pgVersion;

    @Option(names = "--seed", paramLabel = "FILE|S",
            description = "Seed the database with FILE (SQL, or a pg_dump custom archive) instead of the scenario's "
                    + "environment: { seed: ... } (repeatable, run in order). A whole number S instead (e.g. --seed 8812) "
                    + "is the random seed: ranges such as 200ms..3s draw the same values again, so a run, or with "
                    + "--trial one trial of it, repeats exactly; write ./8812 for a file named 8812.")
    List<Path> seeds = new ArrayList<>();

    @Option(names = "--setting", paramLabel = "NAME=VALUE", converter = {SettingName.class, SettingValue.class},
            description = "Write this server setting to every node's configuration, over the scenario's "
                    + "environment: { settings: ... } (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--no-color", description = "Plain output without colours or live indicators.")
    boolean noColor;

    @Option(names = "--debug", description = "Show the stack trace of internal errors.")
    boolean debug;

    /**
     * Every variable set on the command line: those of the {@code --var-file}s in order, then
     * {@code --var} and {@code --secret} over them (a secret wins).
     */
    Map<String, String> allVars() {
        Map<String, String> all = new LinkedHashMap<>();
        varFiles.forEach(f -> all.putAll(VarFile.read(f)));
        all.putAll(vars);
        all.putAll(secrets);
        return all;
    }

    /** This command's options with the parent's underneath (the subcommand's win). */
    CommonOptions over(CommonOptions parent) {
        CommonOptions merged = new CommonOptions();
        if (parent != null) {
            merged.varFiles.addAll(parent.varFiles);
            merged.allowEnv.addAll(parent.allowEnv);
            merged.vars.putAll(parent.vars);
            merged.secrets.putAll(parent.secrets);
            merged.noColor = parent.noColor;
            merged.debug = parent.debug;
            merged.backupTool = parent.backupTool;
            merged.pgVersion = parent.pgVersion;
            merged.seeds.addAll(parent.seeds);
            merged.settings.putAll(parent.settings);
        }
        merged.varFiles.addAll(varFiles);
        merged.allowEnv.addAll(allowEnv);
        merged.backupTool = backupTool == null ? merged.backupTool : backupTool;
        merged.pgVersion = pgVersion == null ? merged.pgVersion : pgVersion;
        if (!seeds.isEmpty()) {
            merged.seeds.clear();
            merged.seeds.addAll(seeds);
        }
        merged.settings.putAll(settings);
        merged.vars.putAll(vars);
        merged.secrets.putAll(secrets);
        merged.noColor |= noColor;
        merged.debug |= debug;
        return merged;
    }

    /**
     * The environment variables drills may read: {@code --allow-env} and {@code PGDRILL_ALLOW_ENV} in
     * {@code environment}.
     *
     * @throws DrillException (exit 2) when PGDRILL_ALLOW_ENV holds an entry that is not a name or a glob
     */
    EnvAllowlist allowEnv(Function<String, String> environment) {
        try {
            return EnvAllowlist.of(allowEnv).plus(EnvAllowlist.parse(environment.apply(EnvAllowlist.VARIABLE)));
        } catch (IllegalArgumentException e) {
            throw new DrillException(ExitCode.INVALID, "runner: " + EnvAllowlist.VARIABLE + ": " + e.getMessage()
                    + "; nothing was run");
        }
    }

    /** The command line's overrides of every drill's {@code environment:} block. */
    EnvironmentOverrides environmentOverrides() {
        return new EnvironmentOverrides(backupTool, pgVersion, seedFiles(), settings);
    }

    /** The {@code --seed} values that name files: all but whole numbers. */
    List<Path> seedFiles() {
        return seeds.stream().filter(p -> wholeNumber(p) == null).toList();
    }

    /**
     * The random seed given as {@code --seed S}, or null.
     *
     * @throws DrillException (exit 2) for two of them, or a whole number that is also a file here
     */
    Long randomSeed() {
        List<Path> numbers = seeds.stream().filter(p -> wholeNumber(p) != null).toList();
        if (numbers.size() > 1) {
            throw new DrillException(ExitCode.INVALID, "runner: --seed: one random seed at most, found "
                    + String.join(", ", numbers.stream().map(Path::toString).toList()) + "; nothing was run");
        }
        if (numbers.isEmpty()) {
            return null;
        }
        Path n = numbers.get(0);
        if (Files.exists(n)) {
            throw new DrillException(ExitCode.INVALID, "runner: --seed " + n + " is ambiguous: a random seed, or the "
                    + "file " + n + " here? write ./" + n + " for the file; nothing was run");
        }
        return wholeNumber(n);
    }

    /**
     * Checks {@code --repeat} and {@code --trial} with the random {@code --seed} (a trial's values follow from the
     * seed and its number), before anything is loaded.
     *
     * @param repeat {@code --repeat N}, or null
     * @param trial  {@code --trial K}, or null
     * @return the random seed given, or null
     * @throws DrillException (exit 2) for a repeat out of range, a trial below 1, or a trial without a seed
     */
    Long trialSeed(Integer repeat, Integer trial) {
        Long seed = randomSeed();
        if (repeat != null && (repeat < 1 || repeat > TrialPlan.MAX_REPEAT)) {
            throw new DrillException(ExitCode.INVALID, "runner: --repeat must be between 1 and " + TrialPlan.MAX_REPEAT
                    + ", found " + repeat + "; nothing was run");
        }
        if (trial != null && trial < 1) {
            throw new DrillException(ExitCode.INVALID, "runner: --trial counts from 1, found " + trial
                    + "; nothing was run");
        }
        if (trial != null && seed == null) {
            throw new DrillException(ExitCode.INVALID, "runner: --trial " + trial + " needs --seed S, the seed of the "
                    + "run it comes from (a trial's values follow from the seed and its number); nothing was run");
        }
        return seed;
    }

    /** The value as a random seed: decimal digits that fit a long, else null. */
    private static Long wholeNumber(Path value) {
        String t = value.toString();
        if (!t.matches("\\d{1,19}")) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /** Reads {@code --pg-version}: a major version that is offered (15 or 17). */
    static final class VersionText implements ITypeConverter<PgVersion> {
        @Override
        public PgVersion convert(String text) {
            PgVersion v = PgVersion.parse(text).orElse(null);
            if (v == null || v.atLeast()) {
                throw new TypeConversionException("PostgreSQL '" + text + "' is not offered (expected one of: "
                        + String.join(", ", PgVersion.OFFERED.stream().map(String::valueOf).toList()) + ")");
            }
            return v;
        }
    }

    /** Refuses an {@code --allow-env} entry that is neither a variable name nor a glob of one. */
    static final class AllowEnvEntry implements ITypeConverter<String> {
        @Override
        public String convert(String entry) {
            String bad = EnvAllowlist.entryProblem(entry);
            if (bad != null) {
                throw new TypeConversionException(bad + ", e.g. --allow-env APP_TOKEN or --allow-env 'APP_*'");
            }
            return entry;
        }
    }

    /** Refuses a {@code --setting} name that is not a plain server setting name. */
    static final class SettingName implements ITypeConverter<String> {
        @Override
        public String convert(String name) {
            String bad = EnvironmentSpec.badSettingName(name);
            if (bad != null) {
                throw new TypeConversionException(bad + ", e.g. --setting wal_compression=on");
            }
            return name;
        }
    }

    /** Refuses a {@code --setting} value with a control character (it could start a new configuration line). */
    static final class SettingValue implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String bad = EnvironmentSpec.badSettingValue(value);
            if (bad != null) {
                throw new TypeConversionException("the setting's value " + bad);
            }
            return value;
        }
    }

    /** Reads {@code --backup-tool}; an unknown name is a usage error naming the tools there are (also its help). */
    static final class ToolName implements ITypeConverter<BackupTool>, Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BackupTool.keys().iterator();
        }

        @Override
        public BackupTool convert(String name) {
            return BackupTool.of(name).orElseThrow(() -> new TypeConversionException("unknown backup tool '" + name
                    + "' (expected one of: " + String.join(", ", BackupTool.keys()) + ")"));
        }
    }
}
