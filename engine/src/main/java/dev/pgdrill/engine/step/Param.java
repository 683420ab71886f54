package dev.pgdrill.engine.step;

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
}
