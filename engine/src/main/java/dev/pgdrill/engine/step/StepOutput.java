package dev.pgdrill.engine.step;

/**
 * An output every step of a type publishes, addressable as {@code ${steps.<id>.<name>}}, with what it holds in
 * one line (shown by {@code runner steps}).
 *
 * @param name        the output's name, e.g. {@code kept}
 * @param description what the value is, e.g. "names of the backups kept, comma-separated"
 */
public record StepOutput(String name, String description) {
    public StepOutput {
        if (name == null || name.isBlank() || description == null || description.isBlank()) {
            throw new IllegalArgumentException("a step output needs a name and a description, found " + name);
        }
    }

    /** The output {@code name}, holding what {@code description} says. */
    public static StepOutput of(String name, String description) {
        return new StepOutput(name, description);
    }
}
