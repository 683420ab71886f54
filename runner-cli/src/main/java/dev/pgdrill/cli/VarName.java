package dev.pgdrill.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.regex.Pattern;

/**
 * The rule for a variable's name, on the command line ({@code --var}, {@code --secret}) and in a
 * {@code --var-file}: one that a {@code ${vars.NAME}} can reference (not empty, no spaces, no '$', ...).
 */
final class VarName implements ITypeConverter<String> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /** What is wrong with {@code name} as a variable's name, or null when nothing is. */
    static String problem(String name) {
        if (NAME.matcher(name).matches()) {
            return null;
        }
        return (name.isEmpty() ? "the variable name is empty" : "'" + name + "' is not a variable name")
                + ": a name starts with a letter or '_' and goes on with letters, digits, '_', '-' or '.'";
    }

    @Override
    public String convert(String name) {
        String bad = problem(name);
        if (bad != null) {
            throw new TypeConversionException(bad + ", e.g. --var victim=Johnson");
        }
        return name;
    }
}
