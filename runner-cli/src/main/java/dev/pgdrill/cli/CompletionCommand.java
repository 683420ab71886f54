package dev.pgdrill.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code runner completion}: the bash (and zsh) completion script picocli generates from this command line. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash (zsh too, after 'autoload -U bashcompinit && bashcompinit') "
                + "that completes commands, options and their values.",
                "Load it in the current shell with: source <(runner completion)",
                "or for every shell: runner completion > /etc/bash_completion.d/runner"})
public final class CompletionCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    public CompletionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out().print(AutoComplete.bash("runner", spec.root().commandLine()));
        ctx.out().flush();
        return 0;
    }
}
