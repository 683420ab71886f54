package dev.pgdrill.engine.report;

import dev.pgdrill.engine.run.StepStatus;

/** ANSI styling for the console; with colour off every method returns the text unchanged. */
final class Ansi {
    static final String CLEAR_LINE = "\r\u001B[2K";
    private final boolean on;

    Ansi(boolean on) {
        this.on = on;
    }

    boolean on() {
        return on;
    }

    String bold(String s) {
        return wrap("1", s);
    }

    String dim(String s) {
        return wrap("2", s);
    }

    String red(String s) {
        return wrap("31", s);
    }

    String green(String s) {
        return wrap("32", s);
    }

    String yellow(String s) {
        return wrap("33", s);
    }

    String cyan(String s) {
        return wrap("36", s);
    }

    /** The coloured symbol, or the plain word, of a status. */
    String verdict(StepStatus status) {
        if (!on) {
            return switch (status) {
                case PASSED -> "PASS ";
                case FAILED -> "FAIL ";
                case ABORTED -> "ABORT";
                case SKIPPED -> "SKIP ";
            };
        }
        return switch (status) {
            case PASSED -> green("✔");
            case FAILED -> red("✘");
            case ABORTED -> yellow("■");
            case SKIPPED -> dim("○");
        };
    }

    String status(StepStatus status, String text) {
        return switch (status) {
            case PASSED -> green(text);
            case FAILED -> red(text);
            case ABORTED -> yellow(text);
            case SKIPPED -> dim(text);
        };
    }

    private String wrap(String code, String s) {
        return on ? "\u001B[" + code + "m" + s + "\u001B[0m" : s;
    }
}
