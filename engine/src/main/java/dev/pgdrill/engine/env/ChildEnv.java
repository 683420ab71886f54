package dev.pgdrill.engine.env;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which environment variables a drill may give a command it runs ({@code exec}'s {@code env:}). A
 * variable that changes how a program is loaded or how a shell or interpreter starts (the dynamic
 * loader's {@code LD_*}, glibc's list of variables it ignores for set-user-ID programs, {@code BASH_ENV},
 * {@code IFS}, {@code PATH}, interpreter start-up options) would let a drill run code it did not name,
 * in whatever process reads it; it is refused before anything runs.
 */
public final class ChildEnv {
    /** A variable name a drill may write: letters, digits and '_', not starting with a digit. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Set<String> REFUSED = Set.of("GCONV_PATH", "GETCONF_DIR", "HOSTALIASES", "LOCALDOMAIN",
            "LOCPATH", "NIS_PATH", "NLSPATH", "RESOLV_HOST_CONF", "RES_OPTIONS", "TMPDIR", "TZDIR", "GLIBC_TUNABLES",
            "BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "PS4", "IFS", "CDPATH", "PATH", "PERLLIB", "RUBYOPT",
            "RUBYLIB", "NODE_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final List<String> REFUSED_PREFIXES = List.of("LD_", "MALLOC_", "BASH_FUNC_", "PYTHON", "PERL5");

    private ChildEnv() {
    }

    /** Why a drill may not set the variable {@code name} for a command, or null when it may. */
    public static String refusal(String name) {
        if (!NAME.matcher(name).matches()) {
            return "'" + name + "' is not an environment variable name (letters, digits and '_', not starting with "
                    + "a digit)";
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.equals("PATH")) {
            return "a drill cannot set PATH: write the program's full path in 'command' instead";
        }
        if (REFUSED.contains(upper) || REFUSED_PREFIXES.stream().anyMatch(upper::startsWith)) {
            return "a drill cannot set '" + name + "': it changes how programs are loaded or how a shell or "
                    + "interpreter starts, so the command could run code it does not name";
        }
        return null;
    }
}
