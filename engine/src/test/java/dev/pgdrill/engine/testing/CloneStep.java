package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.scenario.StepSpec;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code clone: {from: primary, as: copy}} adds node {@code copy} to the plan (test fixture; runs nothing). */
public final class CloneStep implements StepType {
    @Override
    public String key() {
        return "clone";
    }

    @Override
    public String description() {
        return "Pretend to create a new node from an existing one (test fixture)";
    }

    @Override
    public List<Param> params() {
        return List.of(Param.required("from", ParamType.NODE, "node to copy"),
                Param.required("as", ParamType.STRING, "name of the new node"));
    }

    @Override
    public void validate(StepSpec spec, ValidationSink problems) {
        String as = String.valueOf(spec.params().get("as"));
        if (!as.matches("[a-z][a-z0-9-]*")) {
            problems.problem(spec.locationOf("as"), "parameter 'as': a node name is lower-case letters, digits "
                    + "and '-', found '" + as + "'");
        }
    }

    @Override
    public Set<String> nodesAfter(StepSpec spec, Set<String> nodesBefore) {
        Set<String> after = new LinkedHashSet<>(nodesBefore);
        after.add(String.valueOf(spec.params().get("as")));
        return after;
    }

    @Override
    public void run(StepContext ctx) {
    }
}
