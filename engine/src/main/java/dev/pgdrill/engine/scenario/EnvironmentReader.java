package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.EnvironmentSpec;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;

import java.util.List;

/**
 * Reads a scenario's {@code environment:} block ({@code environment: { backup-tool: pgbackrest }})
 * into an {@link EnvironmentSpec}, and checks the steps against it. Every key is optional; an
 * unknown key or value is a problem at its position.
 */
final class EnvironmentReader {
    private EnvironmentReader() {
    }

    /** The block's spec (defaults for what it does not say); problems go to {@code problems}. */
    static EnvironmentSpec read(YamlNode.Entry entry, Problems problems) {
        EnvironmentSpec spec = EnvironmentSpec.defaults();
        if (entry == null || entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return spec;
        }
        if (!(entry.value() instanceof YamlNode.Mapping m)) {
            problems.add(entry.value().location(), "'environment' must be a mapping, e.g. "
                    + "'environment: { backup-tool: pgbackrest }', found " + YamlNode.describe(entry.value()));
            return spec;
        }
        for (YamlNode.Entry e : m.entries()) {
            if (!EnvironmentSpec.KEYS.contains(e.key())) {
                problems.add(e.keyLocation(), "unknown key '" + e.key() + "' in 'environment'"
                        + DidYouMean.hint(e.key(), EnvironmentSpec.KEYS) + " (expected: "
                        + String.join(", ", EnvironmentSpec.KEYS) + ")");
                continue;
            }
            BackupTool tool = backupTool(e, problems);
            spec = spec.withBackupTool(tool);
        }
        return spec;
    }

    private static BackupTool backupTool(YamlNode.Entry e, Problems problems) {
        if (e.value() instanceof YamlNode.Scalar s && !s.isNull()) {
            String name = String.valueOf(s.value());
            BackupTool tool = BackupTool.of(name).orElse(null);
            if (tool == null) {
                problems.add(e.value().location(), "unknown backup tool '" + name + "'"
                        + DidYouMean.hint(name, BackupTool.keys()) + " (expected one of: "
                        + String.join(", ", BackupTool.keys()) + ")");
            }
            return tool;
        }
        problems.add(e.value().location(), "'backup-tool' must be one of " + String.join(", ", BackupTool.keys())
                + ", found " + YamlNode.describe(e.value()));
        return null;
    }

    /** Each step's {@link StepType#checkEnvironment} against {@code spec}; problems go to {@code problems}. */
    static void check(StepRegistry registry, List<StepSpec> steps, EnvironmentSpec spec, Problems problems) {
        for (StepSpec step : steps) {
            registry.find(step.type()).ifPresent(type ->
                    type.checkEnvironment(step, spec, (where, message) -> problems.add(where, step.label() + ": " + message)));
        }
    }
}
