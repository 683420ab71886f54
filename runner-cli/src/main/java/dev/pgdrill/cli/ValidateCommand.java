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

/** {@code runner validate FILE...}: checks scenarios without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check scenario files (keys, types, durations, variables, references, nodes) without running "
                + "anything. Prints every problem as file:line:column: message.")
public final class ValidateCommand implements Callable<Integer> {
    private final CliContext ctx;

    @ParentCommand
    RunnerCommand parent;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files, or directories of *.yaml files.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    CommonOptions common = new CommonOptions();

    public ValidateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        CommonOptions options = common.over(parent == null ? null : parent.common());
        ScenarioLoader loader = new ScenarioLoader(ctx.registry().get(), ctx.environment());
        List<Path> files = ScenarioFiles.expand(paths);
        List<Scenario> scenarios = ScenarioFiles.loadAll(files, loader, options.vars, ctx.err());
        for (Scenario s : scenarios) {
            ctx.out().println("ok: " + s.file() + " ('" + s.name() + "': " + ScenarioFiles.plural(s.steps().size(), "step")
                    + (s.finallySteps().isEmpty() ? "" : ", " + ScenarioFiles.plural(s.finallySteps().size(), "finally step"))
                    + ")");
        }
        return ExitCode.OK;
    }
}
