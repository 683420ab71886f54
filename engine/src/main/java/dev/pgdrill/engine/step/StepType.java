package dev.pgdrill.engine.step;

import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.StepSpec;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A step type: one class per YAML key ({@code sql}, {@code restore}, ...). Registered through
 * {@code META-INF/services/dev.pgdrill.engine.step.StepType}; the validator, {@code runner steps}
 * and the JSON Schema are all derived from {@link #key()}, {@link #description()},
 * {@link #params()} and {@link #outputs()}.
 *
 * <p>Contract: {@link #run(StepContext)} returns normally when the step passed, throws
 * {@link StepFailure} when a check or action failed (message: expected vs found). Any other
 * exception also fails the step; the executor never lets one escape. The step must respect
 * {@link StepContext#deadline()} in every wait (use {@link StepContext#await}).
 */
public interface StepType {
    /** The YAML key, e.g. {@code capture-target}. */
    String key();

    /** One line for {@code runner steps}. */
    String description();

    /** Parameters accepted under the key. */
    List<Param> params();

    /** Names of outputs this step publishes, addressable as {@code ${steps.<id>.<name>}}. */
    default Set<String> outputs() {
        return Set.of();
    }

    /**
     * Outputs this particular step publishes, given its parameters (e.g. the columns an
     * {@code sql} step captures). Defaults to {@link #outputs()}. A set containing {@code "*"}
     * means the names are only known at run time, so any name is accepted.
     */
    default Set<String> outputs(StepSpec spec) {
        return outputs();
    }

    /**
     * Parameter that a scalar value stands for ({@code promote: replica} means
     * {@code promote: {node: replica}}), or null when the step only takes a mapping.
     */
    default String shorthand() {
        return null;
    }

    /** Deadline used when the step has no {@code timeout}. */
    default Duration defaultTimeout() {
        return Duration.ofSeconds(60);
    }

    /**
     * Checks beyond the generic ones (types, required, unknown keys), e.g. "exactly one of a, b".
     * Report each problem to {@code problems}; values may still hold {@code ${...}} references.
     */
    default void validate(StepSpec spec, ValidationSink problems) {
    }

    /**
     * Checks what the step asks of the environment against what the drill's environment offers
     * (e.g. an incremental backup needs a backup tool that takes them). Called at validate with the
     * file's {@code environment:} block and again with the command line's overrides before a run;
     * values may still hold {@code ${...}} references, which are checked when the step runs.
     */
    default void checkEnvironment(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
    }

    /**
     * Nodes that exist after this step, given those that existed before (a restore into a new node
     * adds one). Used to check node names before anything runs.
     */
    default Set<String> nodesAfter(StepSpec spec, Set<String> nodesBefore) {
        return nodesBefore;
    }

    /** Does the step's work. See the class comment for the outcome contract. */
    void run(StepContext ctx) throws Exception;
}
