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

    public static Param required(String name, ParamType type, String description) {
        return new Param(name, type, true, description, List.of(), null);
    }

    public static Param optional(String name, ParamType type, String description) {
        return new Param(name, type, false, description, List.of(), null);
    }

    public static Param optional(String name, ParamType type, String defaultValue, String description) {
        return new Param(name, type, false, description, List.of(), defaultValue);
    }

    public static Param oneOf(String name, boolean required, String defaultValue, String description,
                              String... allowed) {
        return new Param(name, ParamType.ENUM, required, description, List.of(allowed), defaultValue);
    }
}
