package dev.pgdrill.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code runner completion}: the bash (and zsh) completion script picocli generates from this command
 * line, with file names completed as data. picocli's script passes the files it finds through
 * {@code compgen -W}, which expands its word list like the shell does, so a file named
 * {@code $(touch X)} would run when TAB is pressed next to it; and it splits unquoted
 * {@code $(compgen -f ...)} results, which also expands a file named {@code *}. {@link #script}
 * rewrites both: files go from {@code compgen -f} into {@code COMPREPLY} line by line, never
 * through another expansion.
 */
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
        ctx.out().print(script(AutoComplete.bash("runner", spec.root().commandLine())));
        ctx.out().flush();
        return 0;
    }

    /** File completions, one per line, added to {@code COMPREPLY} as they are. */
    private static final String FILES = "local pgdrill_file; while IFS= read -r pgdrill_file; do "
            + "COMPREPLY+=(\"$pgdrill_file\"); done < <(compgen -f -- \"${curr_word}\")";

    /** picocli's generated {@code script} with its file completions rewritten (see the class comment). */
    static String script(String generated) {
        String s = replaceAll(generated, "COMPREPLY=( $( compgen -f -- \"${curr_word}\" ) ) # files",
                "COMPREPLY=(); " + FILES + " # files");
        s = replaceAll(s, "positionals=$( compgen -f -- \"${curr_word}\" ) # files", "positionals=files # files");
        s = replaceAll(s, "COMPREPLY=( $(compgen -W \"${commands// /$'\\n'}${IFS}${positionals}\" -- \"${curr_word}\") )",
                "COMPREPLY=( $(compgen -W \"${commands// /$'\\n'}\" -- \"${curr_word}\") )\n"
                        + "    if [[ \"${positionals}\" == files ]]; then " + FILES + "; fi");
        if (s.contains("${positionals}\" --") || s.matches("(?s).*\\$\\( ?compgen -f.*")) {
            throw new IllegalStateException("picocli's completion script changed: file names would pass through "
                    + "compgen -W again; update CompletionCommand.script");
        }
        return s;
    }

    private static String replaceAll(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException("picocli's completion script changed: '" + what
                    + "' is missing; update CompletionCommand.script");
        }
        return text.replace(what, with);
    }
}
