package dev.pgdrill.engine.env;

/** Outcome of a command run in a node's context. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
