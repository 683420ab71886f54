package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.engine.scenario.Scenario;
import picocli.CommandLine.Command;

/** {@code runner validate FILE...}: checks scenarios without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check scenario files (keys, types, durations, variables, references, nodes) without running "
                + "anything. Prints every problem as file:line:column: message.")
public final class ValidateCommand extends ScenarioCommand {
    public ValidateCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        for (Scenario s : loadScenarios()) {
            ctx.out().println("ok: " + Printable.line(s.file().toString()) + " ('"
                    + Printable.line(s.secrets().mask(s.name())) + "': " + ScenarioFiles.stepCounts(s) + ")");
        }
        return ExitCode.OK.code();
    }
}
