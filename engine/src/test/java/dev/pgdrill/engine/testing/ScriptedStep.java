package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;

import java.util.List;
import java.util.Set;

/**
 * A step type whose run is a lambda, for executor tests that script what a step does (fail, block,
 * sample, publish). It declares an optional {@code text} parameter and an output {@code echo}; the
 * executor runs steps as given, so tests may pass it other parameters too.
 */
public record ScriptedStep(String key, Script script) implements StepType {
    /** What the step does when run. */
    @FunctionalInterface
    public interface Script {
        void run(StepContext ctx) throws Exception;
    }

    @Override
    public String description() {
        return "scripted " + key;
    }

    @Override
    public List<Param> params() {
        return List.of(Param.optional("text", ParamType.STRING, "text"));
    }

    @Override
    public Set<String> outputs() {
        return Set.of("echo");
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        script.run(ctx);
    }
}
