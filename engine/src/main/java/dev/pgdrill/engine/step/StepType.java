package dev.pgdrill.engine.step;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.DurationRange;
import dev.pgdrill.engine.model.Placeholders;
import dev.pgdrill.engine.model.StepSpec;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step type: one class per YAML key ({@code sql}, {@code restore}, ...), registered through
 * {@code META-INF/services/dev.pgdrill.engine.step.StepType}. Its parameters are the components of a
 * record {@code P} (see {@link StepParam}), read once by a {@link ParamBinder}: the validator,
 * {@code runner steps} and the JSON Schema derive from {@link #params()}, and {@link #run(StepContext, Record)}
 * receives the bound record. Rules on one value go in the record's compact constructor, rules combining
 * several in {@link #checkCombination}.
 *
 * <p>Contract: {@code run} returns normally when the step passed, throws {@link StepFailure} when a
 * check or action failed (message: expected vs found). Any other exception also fails the step; the
 * executor never lets one escape. The step must respect {@link StepContext#deadline()} in every wait
 * (use {@link StepContext#await}).
 *
 * @param <P> the parameter record
 */
public abstract class StepType<P extends Record> {
    private final String key;
    private final String description;
    private final ParamBinder<P> binder;
    private final Set<String> outputs;
    private final List<StepOutput> outputList;

    /**
     * @param key         the YAML key, e.g. {@code capture-target}
     * @param description one line for {@code runner steps}
     * @param params      the parameter record
     * @param outputs     the outputs every such step publishes, addressable as {@code ${steps.<id>.<name>}},
     *                    each with what it holds
     */
    protected StepType(String key, String description, Class<P> params, StepOutput... outputs) {
        this.key = key;
        this.description = description;
        this.binder = new ParamBinder<>(params);
        this.outputList = List.of(outputs);
        this.outputs = Set.copyOf(outputList.stream().map(StepOutput::name).toList());
    }

    public final String key() {
        return key;
    }

    public final String description() {
        return description;
    }

    /** Parameters accepted under the key. */
    public final List<Param> params() {
        return binder.params();
    }

    /**
     * Parameter that a scalar value stands for ({@code promote: replica} means
     * {@code promote: {node: replica}}), or null when the step only takes a mapping.
     */
    public final String shorthand() {
        return binder.shorthand();
    }

    /** Names of the outputs every step of this type publishes. */
    public final Set<String> outputs() {
        return outputs;
    }

    /** The outputs every step of this type publishes, with what each holds, in the order declared. */
    public final List<StepOutput> outputDescriptions() {
        return outputList;
    }

    /**
     * Outputs this particular step publishes, given its parameters (e.g. the columns an {@code sql} step
     * captures). A set containing {@code "*"} means the names are only known at run time.
     */
    public Set<String> outputs(StepSpec spec) {
        return outputs();
    }

    /** Deadline used when the step has no {@code timeout}. */
    public Duration defaultTimeout() {
        return Duration.ofSeconds(60);
    }

    /**
     * Checks what the step asks of the environment against what the drill's environment offers
     * (e.g. an incremental backup needs a backup tool that takes them). Called at validate with the
     * file's {@code environment:} block and again with the command line's overrides before a run;
     * values may still hold {@code ${...}} references, which are checked when the step runs.
     */
    public void checkEnvironment(StepSpec spec, EnvironmentSpec environment, ValidationSink problems) {
    }

    /**
     * Nodes that exist after this step, given those that existed before (a restore into a new node
     * adds one). Used to check node names before anything runs.
     */
    public Set<String> nodesAfter(StepSpec spec, Set<String> nodesBefore) {
        return nodesBefore;
    }

    /**
     * Checks the record's own rules on the values written in the scenario (a value holding a
     * {@code ${...}} reference takes its default here and is checked when the step runs), then
     * {@link #checkCombination}.
     */
    public final void validate(StepSpec spec, ValidationSink problems) {
        boolean complete = binder.params().stream()
                .noneMatch(p -> p.required() && holdsReference(spec.params().get(p.name())));
        if (complete) {
            try {
                binder.bind(written(spec, false));
            } catch (ParamProblem e) {
                problems.problem(spec.locationOf(e.param()), e.getMessage());
            }
        }
        checkCombination(spec, problems);
    }

    /**
     * Rules on which parameters are given together ("exactly one of run, query"), on the step as
     * written; values may still hold {@code ${...}} references. Report each problem to {@code problems}.
     */
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
    }

    /**
     * Binds the step's resolved arguments and runs it. A step with an id first marks where each node's
     * server log ends ({@link RunState#markLogs}), for {@code log: {since: <id>}}.
     */
    public final void run(StepContext ctx) throws Exception {
        if (ctx.spec() != null && ctx.state().marksLogsOf(ctx.spec().id()) && ctx.env() != null) {
            ctx.state().markLogs(ctx.spec().id(), logPositions(ctx.env()));
        }
        run(ctx, binder.bind(ctx.args()));
    }

    /**
     * The ids of earlier steps whose start this step reads the server logs from ({@code log: {since: ID}}); the
     * run marks where each node's log ends as those steps start, and only those (sizing a container's log reads
     * all of it).
     */
    public Set<String> logMarksRead(StepSpec spec) {
        return Set.of();
    }

    private static Map<String, Long> logPositions(Environment env) {
        Map<String, Long> positions = new HashMap<>();
        List<String> names;
        try {
            names = env.nodeNames();
        } catch (RuntimeException e) {
            return positions;
        }
        for (String name : names) {
            try {
                env.node(name).ifPresent(n -> positions.put(name, n.logPosition()));
            } catch (RuntimeException e) {
                // a log that cannot be sized now is read from its start by a later log step
            }
        }
        return positions;
    }

    /** Does the step's work with its bound parameters; see the class comment for the outcome contract. */
    protected abstract void run(StepContext ctx, P params) throws Exception;

    /**
     * The parameters of a step as written, before it runs (for {@link #nodesAfter}): a value that reads as
     * its kind all the same (text, a list) keeps its {@code ${...}} references unresolved, any other value
     * holding one takes its default.
     */
    protected final P asWritten(StepSpec spec) {
        return binder.bind(written(spec, true));
    }

    /**
     * The values written in the scenario without those holding a {@code ${...}} reference (they take their
     * default); with {@code keepReadable}, such a value stays when it reads as its kind all the same (text, a list).
     */
    private Map<String, Object> written(StepSpec spec, boolean keepReadable) {
        Map<String, Object> written = new HashMap<>(spec.params());
        for (Param p : binder.params()) {
            Object v = written.get(p.name());
            if (holdsReference(v) && !(keepReadable && p.parse(v) != null)) {
                written.remove(p.name());
            } else if (p.type() == ParamType.DURATION && DurationRange.looksLikeRange(v)) {
                // a range is checked by the loader; the step's own rules see its lower end
                DurationRange range = DurationRange.parseOrNull((String) v);
                if (range == null) {
                    written.remove(p.name());
                } else {
                    written.put(p.name(), range.min().toMillis() + "ms");
                }
            }
        }
        return written;
    }

    private static boolean holdsReference(Object value) {
        return Placeholders.mentions(value);
    }
}
