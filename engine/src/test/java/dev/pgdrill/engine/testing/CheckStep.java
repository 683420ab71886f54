package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.scenario.StepSpec;
import dev.pgdrill.engine.step.Param;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;

import java.util.List;
import java.util.Set;

/** {@code check: {...}} takes one parameter of every {@link ParamType}; publishes {@code value} (test fixture). */
public final class CheckStep implements StepType {
    @Override
    public String key() {
        return "check";
    }

    @Override
    public String description() {
        return "Accept one parameter of each type (test fixture)";
    }

    @Override
    public List<Param> params() {
        return List.of(
                Param.optional("on", ParamType.NODE, "primary", "node"),
                Param.optional("count", ParamType.INTEGER, "whole number"),
                Param.optional("ratio", ParamType.NUMBER, "number"),
                Param.optional("strict", ParamType.BOOLEAN, "false", "flag"),
                Param.optional("within", ParamType.DURATION, "duration"),
                Param.optional("size", ParamType.BYTES, "byte size"),
                Param.oneOf("mode", false, "fast", "how", "fast", "slow"),
                Param.optional("params", ParamType.MAP, "mapping"),
                Param.optional("args", ParamType.LIST, "list"),
                Param.optional("extra", ParamType.ANY, "anything"),
                Param.optional("label", ParamType.STRING, "text"));
    }

    @Override
    public Set<String> outputs() {
        return Set.of("value");
    }

    @Override
    public void validate(StepSpec spec, ValidationSink problems) {
        if (spec.params().containsKey("count") && spec.params().containsKey("ratio")) {
            problems.problem(spec.locationOf("ratio"), "give 'count' or 'ratio', not both");
        }
    }

    @Override
    public void run(StepContext ctx) {
        ctx.output("value", ctx.args().string("label", "checked"));
    }
}
