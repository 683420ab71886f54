package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.ParamProblem;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;

import java.util.LinkedHashSet;
import java.util.Set;

/** {@code clone: {from: primary, as: copy}} adds node {@code copy} to the plan (test fixture; runs nothing). */
public final class CloneStep extends StepType<CloneStep.Params> {
    record Params(@StepParam(value = "node to copy", required = true, type = ParamType.NODE) String from,
                  @StepParam(value = "name of the new node", required = true) String as) {
        Params {
            ParamProblem.require(as.matches("[a-z][a-z0-9-]*"), "as", "parameter 'as': a node name is lower-case "
                    + "letters, digits and '-', found '" + as + "'");
        }
    }

    public CloneStep() {
        super("clone", "Pretend to create a new node from an existing one (test fixture)", Params.class);
    }

    @Override
    public Set<String> nodesAfter(StepSpec spec, Set<String> nodesBefore) {
        Set<String> after = new LinkedHashSet<>(nodesBefore);
        after.add(String.valueOf(spec.params().get("as")));
        return after;
    }

    @Override
    protected void run(StepContext ctx, Params p) {
    }
}
