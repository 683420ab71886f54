package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.scenario.SchemaGenerator;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code runner schema}: the JSON Schema of the scenario format, for editors. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print the JSON Schema of the scenario format (generated from the step types).",
                "Regenerate the shipped copy with: ./runner schema > scenarios/schema/scenario.schema.json"})
public final class SchemaCommand implements Callable<Integer> {
    private final CliContext ctx;

    public SchemaCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out().print(SchemaGenerator.generate(ctx.registry().get()));
        ctx.out().flush();
        return ExitCode.OK.code();
    }
}
