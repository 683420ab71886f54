package dev.pgdrill.engine.step;

import dev.pgdrill.engine.env.Names;

import java.util.List;

/**
 * One parameter a step type accepts: drives validation, {@code runner steps} and the JSON Schema.
 *
 * @param name        YAML key
 * @param type        value kind
 * @param required    whether the step is invalid without it
 * @param description one line for {@code runner steps}
 * @param allowed     allowed values for {@link ParamType#ENUM}, else empty
 * @param defaultValue text shown as the default, or null
 */
public record Param(String name, ParamType type, boolean required, String description,
                    List<String> allowed, String defaultValue) {
    public Param {
        allowed = List.copyOf(allowed);
    }

    /** What a value of this parameter looks like, for "expected ..." in messages at load and run time. */
    public String expected() {
        return switch (type) {
            case STRING -> "text";
            case SQL -> "SQL text";
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration like 500ms, 30s or 2m";
            case BYTES -> "a byte size like 500, 16kB or 16MB";
            case NODE -> "a node name";
            case NODE_NAME -> "a node name (" + Names.SAFE_RULE + ")";
            case BACKUP -> "a backup name (" + Names.SAFE_RULE + ")";
            case ENUM -> "one of " + String.join(", ", allowed);
            case MAP -> "a mapping (name: value, ...)";
            case LIST -> "a list";
            case ANY -> "a value";
        };
    }
}
