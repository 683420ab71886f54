package dev.pgdrill.engine.report;

import dev.pgdrill.engine.api.ExitCode;

/** Words for exit codes in reports. */
final class ExitCodes {
    private ExitCodes() {
    }

    static String meaning(int code) {
        return switch (code) {
            case ExitCode.OK -> "all drills passed";
            case ExitCode.DRILL_FAILED -> "a drill failed";
            case ExitCode.INVALID -> "invalid input";
            case ExitCode.ENVIRONMENT -> "environment problem";
            case ExitCode.INTERNAL -> "internal error";
            case ExitCode.INTERRUPTED -> "interrupted by SIGINT";
            case ExitCode.TERMINATED -> "interrupted by SIGTERM";
            default -> ExitCode.bySignal(code) ? "interrupted by signal " + (code - 128) : "unknown";
        };
    }
}
