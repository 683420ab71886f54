package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.report.Printable;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Builds the {@code runner} command line and maps every outcome to an {@link ExitCode}. */
public final class Cli {
    private Cli() {
    }

    /**
     * Runs {@code runner args} with the given context and returns the exit code; never throws. With
     * {@code GITHUB_ACTIONS=true} every command's output goes through a {@link WorkflowCommandGuard}.
     */
    public static int execute(CliContext ctx, String... args) {
        if (!"true".equals(ctx.environment().apply(CiOutput.GITHUB_ACTIONS))) {
            return executeGuarded(ctx, args);
        }
        WorkflowCommandGuard guard = new WorkflowCommandGuard(ctx.out(), ctx.err());
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        boolean system = ctx.out() == systemOut && ctx.err() == systemErr;
        if (system) { // libraries that print to System.out/err directly are kept inert too
            System.setOut(guard.out());
            System.setErr(guard.err());
        }
        try {
            return executeGuarded(new CliContext(guard.out(), guard.err(), ctx.registry(), ctx.environment(),
                    ctx.environments()), args);
        } finally {
            guard.close();
            if (system) {
                System.setOut(systemOut);
                System.setErr(systemErr);
            }
        }
    }

    private static int executeGuarded(CliContext ctx, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        Redactor secrets = commandLineSecrets(args);
        try {
            CommandLine cl = commandLine(ctx, secrets, args);
            int code = cl.execute(args);
            ctx.out().flush();
            ctx.err().flush();
            return code;
        } catch (RuntimeException | Error e) {
            return internalError(ctx, secrets, e, debug);
        }
    }

    /** The whole {@code runner} command line, configured as {@link #execute} runs it (for tests: parse without running). */
    static CommandLine commandLine(CliContext ctx, Redactor secrets, String... args) {
        CommandLine cl = new CommandLine(new RunnerCommand(ctx));
        cl.addSubcommand(new ValidateCommand(ctx));
        cl.addSubcommand(new PlanCommand(ctx));
        cl.addSubcommand(new StepsCommand(ctx));
        cl.addSubcommand(new ReportCommand(ctx));
        cl.addSubcommand(new SchemaCommand(ctx));
        cl.addSubcommand(new CompletionCommand(ctx));
        cl.addSubcommand(new CacheCommand(ctx));
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.setOut(new PrintWriter(ctx.out(), true));
        cl.setErr(new PrintWriter(ctx.err(), true));
        if (Arrays.asList(args).contains("--no-color") || System.getenv("NO_COLOR") != null) {
            cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        var usage = cl.getCommandSpec().usageMessage();
        usage.footer(Stream.concat(Stream.of(ExitCode.values()).map(ExitCode::help), Stream.of(usage.footer()))
                .toArray(String[]::new));
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("runner: " + printable(secrets, ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCode.INVALID.code();
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof DrillException de) {
                ctx.err().println(printable(secrets, de.getMessage()));
                ctx.err().flush();
                return de.exitCode().code();
            }
            return internalError(ctx, secrets, ex, Arrays.asList(args).contains("--debug"));
        });
        cl.setExitCodeExceptionMapper(ex -> ex instanceof DrillException de ? de.exitCode().code() : ExitCode.INTERNAL.code());
        return cl;
    }

    private static int internalError(CliContext ctx, Redactor secrets, Throwable e, boolean debug) {
        ctx.err().println("runner: internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + printable(secrets, e.getMessage().lines().findFirst().orElse(""))));
        if (debug) {
            e.printStackTrace(ctx.err());
        } else {
            ctx.err().println("This is a bug in runner: please report it with the command and scenario you ran "
                    + "(add --debug for the stack trace).");
        }
        ctx.err().flush();
        return ExitCode.INTERNAL.code();
    }

    /** An error message as printed: secret values masked, control characters escaped. */
    static String printable(Redactor secrets, String message) {
        return Printable.text(secrets.mask(message));
    }

    /**
     * The secret values on the raw command line ({@code --secret NAME=VALUE}, and {@code --var}s
     * whose name says secret), read before picocli parses it, so that not even a usage error that
     * echoes an argument prints them.
     */
    static Redactor commandLineSecrets(String... args) {
        Map<String, String> vars = new LinkedHashMap<>();
        Set<String> marked = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String option = a.startsWith("--secret") ? "--secret" : a.startsWith("--var") ? "--var" : null;
            if (option == null || !a.equals(option) && !a.startsWith(option + "=")) {
                continue;
            }
            String pair = a.equals(option) ? (i + 1 < args.length ? args[++i] : "") : a.substring(option.length() + 1);
            int eq = pair.indexOf('=');
            String name = eq < 0 ? option : pair.substring(0, eq);
            vars.put(name, eq < 0 ? pair : pair.substring(eq + 1));
            if (option.equals("--secret")) {
                marked.add(name);
            }
        }
        return ScenarioFiles.secrets(vars, marked);
    }
}
