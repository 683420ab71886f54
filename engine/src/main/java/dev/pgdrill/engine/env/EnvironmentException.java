package dev.pgdrill.engine.env;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;

/** The environment could not do what was asked: set-up failures map to exit code 3. */
public class EnvironmentException extends DrillException {
    public EnvironmentException(String message) {
        super(ExitCode.ENVIRONMENT, message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(ExitCode.ENVIRONMENT, message, cause);
    }
}
