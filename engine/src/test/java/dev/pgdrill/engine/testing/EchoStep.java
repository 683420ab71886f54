package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;


/** {@code echo: text} publishes its text as output {@code text}; touches nothing. */
public final class EchoStep extends StepType<EchoStep.Params> {
    record Params(@StepParam(value = "what to publish", required = true, shorthand = true) String text,
                  @StepParam(value = "node the text is about", dflt = "primary", type = ParamType.NODE) String on) {
    }

    public EchoStep() {
        super("echo", "Publish a text as output 'text' (test fixture)", Params.class,
                StepOutput.of("text", "the text given"));
    }

    @Override
    protected void run(StepContext ctx, Params p) {
        ctx.output("text", p.text());
    }
}
