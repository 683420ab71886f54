package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;
import java.util.Set;

/** {@code echo: text} publishes its text as output {@code text}; touches nothing. */
public final class EchoStep implements StepType {
    @Override
    public String key() {
        return "echo";
    }

    @Override
    public String description() {
        return "Publish a text as output 'text' (test fixture)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.required("text", ParamType.STRING, "what to publish"),
                Param.optional("on", ParamType.NODE, "primary", "node the text is about"));
    }

    @Override
    public String shorthand() {
        return "text";
    }

    @Override
    public Set<String> outputs() {
        return Set.of("text");
    }

    @Override
    public void run(StepContext ctx) {
        ctx.output("text", ctx.args().string("text"));
    }
}
