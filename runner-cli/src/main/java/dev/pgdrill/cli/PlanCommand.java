package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

/** {@code runner plan FILE}: the dry run. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Dry run: validate and print the resolved steps (parameters with $${vars.*} and $${env.*} "
                + "substituted, step outputs as <steps.ID.OUTPUT> placeholders, nodes, timeouts). Nothing is started.")
public final class PlanCommand extends ScenarioCommand {
    @Mixin
    FormatOption format = new FormatOption();

    public PlanCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        List<Scenario> scenarios = loadScenarios();
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
}
