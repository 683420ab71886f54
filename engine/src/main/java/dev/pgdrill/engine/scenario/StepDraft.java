package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.StepType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A step while it is being read and checked: the parts of {@link StepSpec} plus the YAML it came from. */
final class StepDraft {
    final String block;
    final int index;
    final YamlNode.Mapping node;
    String id;
    Location idLocation;
    String name;
    Duration timeout;
    StepType<?> type;
    String typeKey;
    Location typeKeyLocation;
    /** Parameter values as written, in file order (only names the step type declares). */
    final Map<String, YamlNode> params = new LinkedHashMap<>();
    /** False when the value under the type key had the wrong shape: parameter checks are then skipped. */
    boolean paramsReadable = true;
    /** Problems already reported for this step while reading it; its own validate hook then stays quiet. */
    int problems;

    StepDraft(String block, int index, YamlNode.Mapping node) {
        this.block = block;
        this.index = index;
        this.node = node;
    }

    /** {@code step #3 'accidental delete' (sql)}, {@code finally step #1 (heal)}: how messages name the step. */
    String label() {
        StringBuilder sb = new StringBuilder(position(block, index));
        if (name != null) {
            sb.append(" '").append(YamlNode.abbreviate(name)).append('\'');
        } else if (id != null) {
            sb.append(" '").append(id).append('\'');
        }
        if (typeKey != null) {
            sb.append(" (").append(typeKey).append(')');
        }
        return sb.toString();
    }

    /** {@code step #3}, {@code finally step #1}: the step's place in its block, counted from one. */
    static String position(String block, int index) {
        return ("finally".equals(block) ? "finally step #" : "step #") + (index + 1);
    }

    /** Whether this step runs before {@code other} (finally steps run after every main step). */
    boolean runsBefore(StepDraft other) {
        if (block.equals(other.block)) {
            return index < other.index;
        }
        return "steps".equals(block);
    }

    StepSpec toSpec() {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Location> locations = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            Object plain = v.toPlain();
            if (plain != null) { // a parameter without a value is reported as a problem, never run
                values.put(k, plain);
                locations.put(k, v.location());
            }
        });
        return new StepSpec(index, block, id, name, typeKey, values, timeout, node.location(), locations);
    }
}
