package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;


/**
 * A step type whose run is a lambda, for executor tests that script what a step does (fail, block,
 * sample, publish). It declares an optional {@code text} parameter and an output {@code echo}; the
 * executor runs steps as given, so tests may pass it other parameters too.
 */
public final class ScriptedStep extends StepType<ScriptedStep.Params> {
    private final Script script;

    /** What the step does when run. */
    @FunctionalInterface
    public interface Script {
        void run(StepContext ctx) throws Exception;
    }

    record Params(@StepParam("text") String text) {
    }

    public ScriptedStep(String key, Script script) {
        super(key, "scripted " + key, Params.class,
                StepOutput.of("echo", "what the script published"));
        this.script = script;
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        script.run(ctx);
    }
}
