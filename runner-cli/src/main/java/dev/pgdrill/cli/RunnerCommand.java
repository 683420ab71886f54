package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.env.EnvironmentFactory;
import dev.pgdrill.engine.report.ConsoleListener;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.engine.report.ReportDirectory;
import dev.pgdrill.engine.report.ReportFilesListener;
import dev.pgdrill.engine.report.ReportModel;
import dev.pgdrill.engine.report.RunReport;
import dev.pgdrill.engine.run.CompositeListener;
import dev.pgdrill.engine.run.DrillExecutor;
import dev.pgdrill.engine.run.DrillListener;
import dev.pgdrill.engine.run.RunPlan;
import dev.pgdrill.engine.run.RunResult;
import dev.pgdrill.engine.run.Selection;
import dev.pgdrill.engine.run.Shard;
import dev.pgdrill.engine.run.TagFilter;
import dev.pgdrill.engine.scenario.DidYouMean;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.CacheDirs;
import dev.pgdrill.environment.common.WorkRoots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code runner FILE|DIR...}: validates every drill, then runs them one after another. */
@Command(name = "runner", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs recovery drills for PostgreSQL: YAML scenarios against a real primary, a streaming "
                + "replica and a WAL archive.",
                "Every file is validated first; if any is invalid nothing runs."},
        footerHeading = "%nExit codes:%n",
        footer = {"%nExamples:",
                "  runner scenarios/pitr.yaml",
                "  runner scenarios/                 (every *.yaml in it)",
                "  runner --parallel 3 scenarios/    (three drills at a time)",
                "  runner --tags smoke,!slow --shard 2/4 --fail-fast scenarios/",
                "  runner --repeat 20 --parallel 2 scenarios/failover-async-trials.yaml",
                "  runner --seed 8812 --trial 7 scenarios/failover-async-trials.yaml   (one trial again)",
                "  runner validate scenarios/*.yaml",
                "  runner plan --var victim=Davis scenarios/pitr.yaml"})
public final class RunnerCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", arity = "0..*", description = "Scenario files, or directories of *.yaml files.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--env", paramLabel = "KIND", defaultValue = "local",
            description = "Where drills run: local (PostgreSQL processes, the default), compose (Docker Compose) "
                    + "or testcontainers (Testcontainers).")
    String env;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "target/drill-reports",
            description = "Where the JSON journal, JUnit XML and HTML reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--keep-env", description = "Leave servers and work directories in place after the run, for inspection.")
    boolean keepEnv;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Run up to N drills at once, each in its own environment (default: ${DEFAULT-VALUE}); "
                    + "console lines are then prefixed with the drill name.")
    int parallel;

    @Option(names = "--tags", paramLabel = "EXPR", converter = SelectionConverters.Tags.class,
            description = "Run only the drills whose tags: match EXPR: tags separated by commas, any of which "
                    + "selects a drill, and !tag to leave out the drills that have it (e.g. smoke,!slow).")
    TagFilter tags;

    @Option(names = "--shard", paramLabel = "I/N", converter = SelectionConverters.Shards.class,
            description = "Run only shard I of N (counted from 1): the selected drills dealt in turn, in the order "
                    + "they are named, so N machines given 1/N to N/N run each drill exactly once.")
    Shard shard;

    @Option(names = "--fail-fast", description = "After the first drill that does not pass, start no other drill "
            + "(they are reported as not run); the drills already running finish and clean up.")
    boolean failFast;

    @Option(names = "--summary-md", paramLabel = "FILE",
            description = "Also write a Markdown summary of the run (verdict per drill, RPO/RTO, failing step and why) "
                    + "to FILE. With GITHUB_ACTIONS=true it is appended to $GITHUB_STEP_SUMMARY, and failing steps "
                    + "are annotated at their YAML line.")
    Path summaryMd;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Append one JSON line per drill run to FILE (start, drill, verdict, seconds; per restore "
                    + "step the source, backup set and label, target, restore seconds and objective verdicts).")
    Path history;

    @Option(names = "--repeat", paramLabel = "N",
            description = "Run each drill N times, each trial in a fresh environment, and judge the trials as a set "
                    + "(over the scenario's repeat:). Ranges such as 200ms..3s draw new values in every trial.")
    Integer repeat;

    @Option(names = "--trial", paramLabel = "K",
            description = "Run only trial K of each drill, with the values it drew in the run of --seed S "
                    + "(needs --seed; give --repeat N too when the run had it): the line a failed set prints.")
    Integer trial;

    @Option(names = "--no-cache", description = "Run initdb and the seed for every drill instead of copying the "
            + "cluster template cached for the same server, database, seed and settings (local backend; "
            + "also PGDRILL_NO_CACHE=1).")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where cluster templates are cached (default: "
            + "$PGDRILL_CACHE_DIR, else $XDG_CACHE_HOME/pgdrill, else ~/.cache/pgdrill); see `runner cache`.")
    Path cacheDir;

    @Option(names = "--work-root", paramLabel = "DIR", description = "Where each drill's work directory (data "
            + "directories, WAL archive, backups, logs) is made; it must exist (default: $PGDRILL_WORK_ROOT, else "
            + "-Djava.io.tmpdir when set, else /dev/shm for the local backend when it is memory with 2 GiB free, "
            + "else /tmp).")
    Path workRoot;

    @Mixin
    CommonOptions common = new CommonOptions();

    public RunnerCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    CommonOptions common() {
        return common;
    }

    /**
     * Console and report files ({@code files} may be null); with several drills at once, events are
     * serialised and console lines prefixed.
     */
    private DrillListener listener(ReportFilesListener files, int drills, boolean color) {
        boolean oneAtATime = parallel <= 1 || drills <= 1;
        DrillListener console = oneAtATime ? ConsoleListener.reporting(ctx.out(), color, files)
                : new ParallelConsole(ctx.out(), color, files);
        DrillListener all = new CompositeListener(files == null ? List.of(console) : List.of(files, console), ctx.err());
        return oneAtATime ? all : new SerialListener(all);
    }

    /** The report directory, checked and locked before any environment starts; null without one. */
    private ReportDirectory reportDirectory() {
        if (reportDir == null) {
            return null;
        }
        ReportDirectory dir;
        try {
            dir = ReportDirectory.acquire(reportDir);
        } catch (IllegalArgumentException e) {
            throw new DrillException(ExitCode.INVALID, "runner: --report-dir: " + e.getMessage() + "; nothing was run");
        }
        if (dir.staleOwner() != null) {
            ctx.err().println("runner: report directory " + reportDir + " was locked by " + dir.staleOwner()
                    + ", which is gone; taking it over");
        }
        return dir;
    }

    @Override
    public Integer call() {
        if (paths.isEmpty()) {
            spec.commandLine().usage(ctx.err());
            ctx.err().println();
            ctx.err().println("runner: name at least one scenario file or directory");
            return ExitCode.INVALID.code();
        }
        if (!Environments.KINDS.contains(env)) {
            throw new DrillException(ExitCode.INVALID, "runner: unknown environment '" + env + "' for --env (expected one of: "
                    + String.join(", ", Environments.KINDS) + ")");
        }
        if (parallel < 1 || parallel > RunPlan.MAX_PARALLEL) {
            throw new DrillException(ExitCode.INVALID, "runner: --parallel must be between 1 and " + RunPlan.MAX_PARALLEL
                    + ", found " + parallel);
        }
        Long seed = common.trialSeed(repeat, trial);
        Path first = paths.get(0);
        if (!Files.exists(first) && first.getNameCount() == 1 && !first.toString().contains(".")) {
            String hint = DidYouMean.hint(first.toString(), spec.subcommands().keySet());
            if (!hint.isEmpty()) {
                throw new DrillException(ExitCode.INVALID, "runner: no such file or command '" + first + "'" + hint);
            }
        }
        List<Scenario> scenarios = ScenarioFiles.load(ctx, paths, common);
        new CiOutput(ctx, summaryMd).check("runner");
        new RunHistory(history).check();
        Selection.Selected selected = select(scenarios);
        if (selected.drills().isEmpty()) {
            return ExitCode.OK.code();
        }
        try (ReportDirectory held = reportDirectory()) {
            Path cache = noCache ? null : cacheDir != null ? cacheDir : CacheDirs.defaultDir(ctx.environment());
            Path root = workRoot != null ? workRoot
                    : WorkRoots.chosen(ctx.environment(), System.getProperty("java.io.tmpdir"));
            EnvironmentFactory factory = ctx.environments().factory(env,
                    EnvironmentOptions.defaults().withCacheDir(cache).withWorkRoot(root));
            Set<Path> named = Set.copyOf(paths);
            RunPlan plan = RunPlan.of(selected, s -> named.contains(s.file()), factory,
                    seed != null ? seed : RunPlan.randomSeed(), repeat, trial);
            plan.leftOut().forEach(l -> ctx.err().println("runner: " + Printable.line(l.message())));
            if (plan.refused() != null) {
                throw new DrillException(ExitCode.INVALID, "runner: " + plan.refused() + "; nothing was run");
            }
            if (plan.runs().isEmpty()) {
                ctx.out().println("runner: no drill left to run on this machine; nothing was run");
                return ExitCode.OK.code();
            }
            Map<String, String> facts = new TreeMap<>(plan.facts());
            if (shard != null) {
                facts.put("shard", shard.toString());
            }
            if (plan.tried()) {
                ctx.out().println("runner: seed " + plan.seed() + " (run again with --seed " + plan.seed()
                        + "; one trial with --seed " + plan.seed() + (repeat == null ? "" : " --repeat " + repeat)
                        + " --trial K)");
            }
            return run(plan, factory, held == null ? null : new ReportFilesListener(reportDir, facts));
        }
    }

    /**
     * The drills of {@code --tags}, then of {@code --shard}, in their order, saying on stdout what was selected.
     * None left is no error: an empty shard runs nothing and exits 0.
     */
    private Selection.Selected select(List<Scenario> loaded) {
        Selection.Selected selected;
        try {
            selected = new Selection(tags, shard).apply(loaded);
        } catch (IllegalArgumentException e) {
            throw new DrillException(ExitCode.INVALID, "runner: --tags " + tags.text() + ": " + e.getMessage()
                    + "; nothing was run");
        }
        if (selected.note() != null) {
            ctx.out().println("runner: " + Printable.line(selected.note()));
        }
        return selected;
    }

    private int run(RunPlan plan, EnvironmentFactory factory, ReportFilesListener files) {
        if (files != null) {
            files.factsFrom(factory::facts);
        }
        List<Scenario> scenarios = plan.runs();
        DrillExecutor executor = plan.executor(ctx.registry().get(), factory, env,
                listener(files, scenarios.size(), ctx.colorEnabled(common.noColor)), keepEnv);
        String statsFile = ctx.environment().apply(RunStats.VARIABLE);
        RunStats stats = statsFile == null || statsFile.isBlank() ? null : new RunStats();
        RunResult result;
        CiOutput ci = new CiOutput(ctx, summaryMd);
        Instant start = Instant.now();
        try (ShutdownGuard guard = new ShutdownGuard(executor, ctx.err())) {
            result = executor.runAll(scenarios, parallel, failFast);
        }
        RunReport report = ReportModel.of(start, result, Map.of());
        String summaryFailure = ci.finish(report, true);
        String historyFailure = new RunHistory(history).append(report);
        summaryFailure = summaryFailure == null ? historyFailure : summaryFailure;
        if (stats != null) {
            stats.write(Path.of(statsFile), factory.toolTime());
        }
        if (files != null && files.failure() != null) {
            ctx.err().println("runner: the report could not be written: " + files.failure());
            return files.exitCode(result.exitCode()).code();
        }
        if (summaryFailure != null) {
            ctx.err().println("runner: " + summaryFailure);
            return ExitCode.worse(result.exitCode(), ExitCode.ENVIRONMENT).code();
        }
        return result.exitCode().code();
    }
}
