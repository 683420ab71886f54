package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.scenario.DidYouMean;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code runner steps [TYPE...]}: the step vocabulary, generated from the step classes. */
@Command(name = "steps", mixinStandardHelpOptions = true,
        description = "List every step type with its parameters (type, default or required, description) and outputs.")
public final class StepsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(paramLabel = "TYPE", arity = "0..*", description = "Only these step types (e.g. restore).")
    List<String> only = new ArrayList<>();

    @Mixin
    FormatOption format = new FormatOption();

    @Option(names = "--no-color", description = "Accepted as by every command; this listing has no colours anyway.")
    boolean noColor;

    public StepsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        StepRegistry registry = ctx.registry().get();
        List<StepType<?>> types = new ArrayList<>();
        if (only.isEmpty()) {
            types.addAll(registry.all());
        }
        for (String key : only) {
            types.add(registry.find(key).orElseThrow(() -> new DrillException(ExitCode.INVALID,
                    "runner: no step type '" + key + "'" + DidYouMean.hint(key, registry.keys())
                            + " (step types: " + String.join(", ", registry.keys()) + ")")));
        }
        if (format.json()) {
            FormatOption.print(ctx.out(), StepsJson.document(types));
        } else {
            new StepsPrinter(ctx.out()).print(types, only.isEmpty());
        }
        return ExitCode.OK.code();
    }
}
