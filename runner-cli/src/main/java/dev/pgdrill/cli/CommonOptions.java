package dev.pgdrill.cli;

import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** Options every command accepts (before or after the subcommand name). */
public final class CommonOptions {
    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Set or override a scenario variable (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--no-color", description = "Plain output without colours or live indicators.")
    boolean noColor;

    @Option(names = "--debug", description = "Show the stack trace of internal errors.")
    boolean debug;

    /** This command's options with the parent's underneath (the subcommand's win). */
    CommonOptions over(CommonOptions parent) {
        CommonOptions merged = new CommonOptions();
        if (parent != null) {
            merged.vars.putAll(parent.vars);
            merged.noColor = parent.noColor;
            merged.debug = parent.debug;
        }
        merged.vars.putAll(vars);
        merged.noColor |= noColor;
        merged.debug |= debug;
        return merged;
    }
}
