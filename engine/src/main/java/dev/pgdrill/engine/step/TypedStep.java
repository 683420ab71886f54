package dev.pgdrill.engine.step;

import dev.pgdrill.engine.model.StepSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A step type whose parameters are the components of a record {@code P} (see {@link StepParam}): the
 * declaration is read once by a {@link ParamBinder}, which gives {@link #params()} and the typed value
 * {@link #run(StepContext, Record)} receives. Rules combining several parameters go in
 * {@link #checkCombination}; rules on one value go in the record's compact constructor.
 *
 * @param <P> the parameter record
 */
public abstract class TypedStep<P extends Record> implements StepType {
    private final String key;
    private final String description;
    private final ParamBinder<P> binder;

    protected TypedStep(String key, String description, Class<P> params) {
        this.key = key;
        this.description = description;
        this.binder = new ParamBinder<>(params);
    }

    @Override
    public final String key() {
        return key;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Param> params() {
        return binder.params();
    }

    @Override
    public final String shorthand() {
        return binder.shorthand();
    }

    /**
     * Checks the record's own rules on the values written in the scenario (a value holding a
     * {@code ${...}} reference takes its default here and is checked when the step runs), then
     * {@link #checkCombination}.
     */
    @Override
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

    /** Binds the step's resolved arguments and runs it. */
    @Override
    public final void run(StepContext ctx) throws Exception {
        run(ctx, binder.bind(ctx.args().asMap()));
    }

    /** Does the step's work with its bound parameters; see {@link StepType} for the outcome contract. */
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
            }
        }
        return written;
    }

    private static boolean holdsReference(Object value) {
        return value instanceof String s && s.contains("${");
    }
}
