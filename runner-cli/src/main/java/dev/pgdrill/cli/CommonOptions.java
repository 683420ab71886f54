package dev.pgdrill.cli;

import dev.pgdrill.engine.env.BackupTool;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Options every command accepts (before or after the subcommand name). */
public final class CommonOptions {
    @Option(names = "--var", paramLabel = "NAME=VALUE", converter = VarName.class,
            description = "Set or override a scenario variable (repeatable).")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "FILE",
            description = "Read variables from FILE: a YAML mapping (*.yaml, *.yml) or NAME=VALUE lines (repeatable; "
                    + "later files and every --var override earlier ones).")
    List<Path> varFiles = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "NAME=VALUE",
            description = "Set a scenario variable like --var and mask its value in all output and reports (repeatable).")
    Map<String, String> secrets = new LinkedHashMap<>();

    @Option(names = "--backup-tool", paramLabel = "TOOL", converter = ToolName.class,
            description = "Archive, back up and restore with TOOL (pg_basebackup or pgbackrest) instead of the "
                    + "scenario's environment: { backup-tool: ... }.")
    BackupTool backupTool;

    @Option(names = "--no-color", description = "Plain output without colours or live indicators.")
    boolean noColor;

    @Option(names = "--debug", description = "Show the stack trace of internal errors.")
    boolean debug;

    /**
     * Every variable set on the command line: those of the {@code --var-file}s in order, then
     * {@code --var} and {@code --secret} over them (a secret wins).
     */
    Map<String, String> allVars() {
        Map<String, String> all = new LinkedHashMap<>();
        varFiles.forEach(f -> all.putAll(VarFile.read(f)));
        all.putAll(vars);
        all.putAll(secrets);
        return all;
    }

    /** This command's options with the parent's underneath (the subcommand's win). */
    CommonOptions over(CommonOptions parent) {
        CommonOptions merged = new CommonOptions();
        if (parent != null) {
            merged.varFiles.addAll(parent.varFiles);
            merged.vars.putAll(parent.vars);
            merged.secrets.putAll(parent.secrets);
            merged.noColor = parent.noColor;
            merged.debug = parent.debug;
            merged.backupTool = parent.backupTool;
        }
        merged.varFiles.addAll(varFiles);
        merged.backupTool = backupTool == null ? merged.backupTool : backupTool;
        merged.vars.putAll(vars);
        merged.secrets.putAll(secrets);
        merged.noColor |= noColor;
        merged.debug |= debug;
        return merged;
    }

    /** Reads {@code --backup-tool}; an unknown name is a usage error naming the tools there are. */
    static final class ToolName implements ITypeConverter<BackupTool> {
        @Override
        public BackupTool convert(String name) {
            return BackupTool.of(name).orElseThrow(() -> new TypeConversionException("unknown backup tool '" + name
                    + "' (expected one of: " + String.join(", ", BackupTool.keys()) + ")"));
        }
    }

    /** Refuses a {@code --var} name that no {@code ${vars.NAME}} can reference (empty, spaces, '$', ...). */
    static final class VarName implements ITypeConverter<String> {
        static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

        @Override
        public String convert(String name) {
            if (!NAME.matcher(name).matches()) {
                throw new TypeConversionException((name.isEmpty() ? "the variable name is empty"
                        : "'" + name + "' is not a variable name") + ": a name starts with a letter or '_' and goes on "
                        + "with letters, digits, '_', '-' or '.', e.g. --var victim=Johnson");
            }
            return name;
        }
    }
}
