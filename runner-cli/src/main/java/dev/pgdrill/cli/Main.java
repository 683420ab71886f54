package dev.pgdrill.cli;

/** Entry point of {@code runner}: parses, runs and exits with an {@link dev.pgdrill.engine.api.ExitCode}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(CliContext.system(), args));
    }
}
