package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario file that cannot run, with every problem found in it (exit code {@link ExitCode#INVALID}).
 * The message is the problems, one {@code file:line:column: message} per line.
 */
public class InvalidScenarioException extends DrillException {
    private final List<Problem> problems;

    public InvalidScenarioException(List<Problem> problems) {
        super(ExitCode.INVALID, problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid scenario has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
