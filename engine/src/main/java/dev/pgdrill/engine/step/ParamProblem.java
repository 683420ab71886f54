package dev.pgdrill.engine.step;

/**
 * A rule on one parameter's value did not hold; thrown from a parameter record's compact constructor.
 * At load time it is reported at the parameter's position, at run time it fails the step.
 */
public final class ParamProblem extends StepFailure {
    private final String param;

    public ParamProblem(String param, String message) {
        super(message);
        this.param = param;
    }

    /** Fails with {@code message} about {@code param} unless {@code holds}. */
    public static void require(boolean holds, String param, String message) {
        if (!holds) {
            throw new ParamProblem(param, message);
        }
    }

    /** The YAML key of the parameter. */
    public String param() {
        return param;
    }
}
