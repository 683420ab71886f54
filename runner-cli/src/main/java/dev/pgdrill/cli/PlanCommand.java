package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runner plan FILE}: the dry run. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Dry run: validate and print the resolved steps (parameters with $${vars.*} and $${env.*} "
                + "substituted, step outputs as <steps.ID.OUTPUT> placeholders, nodes, timeouts). Nothing is started.")
public final class PlanCommand implements Callable<Integer> {
    private final CliContext ctx;

    @ParentCommand
    RunnerCommand parent;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files, or directories of *.yaml files.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    CommonOptions common = new CommonOptions();

    public PlanCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        CommonOptions options = common.over(parent == null ? null : parent.common());
        ScenarioLoader loader = new ScenarioLoader(ctx.registry().get(), ctx.environment());
        List<Scenario> scenarios = ScenarioFiles.loadAll(ScenarioFiles.expand(paths), loader, options.vars, ctx.err());
        PlanPrinter printer = new PlanPrinter(ctx.registry().get(), ctx.environment(), ctx.out());
        for (int i = 0; i < scenarios.size(); i++) {
            if (i > 0) {
                ctx.out().println();
            }
            printer.print(scenarios.get(i));
        }
        return ExitCode.OK;
    }
}
