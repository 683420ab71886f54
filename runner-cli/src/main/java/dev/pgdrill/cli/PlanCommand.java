package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.run.RunPlan;
import dev.pgdrill.engine.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** {@code runner plan FILE}: the dry run. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Dry run: validate and print the resolved steps (parameters with $${vars.*} and $${env.*} "
                + "substituted, step outputs as <steps.ID.OUTPUT> placeholders, nodes, timeouts). Nothing is started.")
public final class PlanCommand extends ScenarioCommand {
    @Mixin
    FormatOption format = new FormatOption();

    @Option(names = "--trial", paramLabel = "K",
            description = "Show trial K of each drill as the run of --seed S runs it (needs --seed): every range, "
                    + "such as 200ms..3s, with the value this trial draws.")
    Integer trial;

    @Option(names = "--repeat", paramLabel = "N",
            description = "The number of trials of the run, when it had --repeat N (over the scenario's repeat:).")
    Integer repeat;

    public PlanCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        Long seed = options().trialSeed(repeat, trial);
        List<Scenario> scenarios = loadScenarios();
        if (trial != null) {
            scenarios = trials(scenarios, seed);
        }
        if (format.json()) {
            FormatOption.print(ctx.out(), PlanJson.document(scenarios.stream()
                    .map(s -> PlanModel.of(ctx.registry().get(), ctx.environment(), s)).toList()));
            return ExitCode.OK.code();
        }
        PlanPrinter printer = new PlanPrinter(ctx.registry().get(), ctx.environment(), ctx.out());
        for (int i = 0; i < scenarios.size(); i++) {
            if (i > 0) {
                ctx.out().println();
            }
            printer.print(scenarios.get(i));
        }
        return ExitCode.OK.code();
    }

    /** Trial {@code --trial} of each drill, as the run plans it ({@link RunPlan#trials}). */
    private List<Scenario> trials(List<Scenario> scenarios, long seed) {
        List<Scenario> runs = new ArrayList<>();
        for (Scenario s : scenarios) {
            try {
                runs.addAll(RunPlan.trials(s, seed, repeat, trial));
            } catch (IllegalArgumentException e) {
                throw new DrillException(ExitCode.INVALID, "runner: " + s.file() + ": " + e.getMessage());
            }
        }
        return runs;
    }
}
