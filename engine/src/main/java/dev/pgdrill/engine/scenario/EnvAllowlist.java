package dev.pgdrill.engine.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The environment variables a drill may read with {@code ${env.X}}: none unless the operator names them
 * ({@code --allow-env NAME}, {@code PGDRILL_ALLOW_ENV=A,B}, or the JUnit engine's {@code pgdrill.allow-env}).
 * An entry is a name or a glob with {@code *} ({@code APP_*}). A drill is code written by others; the
 * runner's environment holds the operator's credentials, which a drill must not be able to print.
 */
public final class EnvAllowlist {
    /** The environment variable that adds entries, comma-separated. */
    public static final String VARIABLE = "PGDRILL_ALLOW_ENV";
    /** An entry: a variable name, possibly with {@code *} standing for any run of characters. */
    public static final Pattern ENTRY = Pattern.compile("[A-Za-z_*][A-Za-z0-9_*]{0,127}");
    /** Nothing allowed. */
    public static final EnvAllowlist NONE = new EnvAllowlist(List.of());

    private final List<String> entries;
    private final List<Pattern> patterns;

    private EnvAllowlist(List<String> entries) {
        this.entries = List.copyOf(entries);
        this.patterns = this.entries.stream().map(EnvAllowlist::glob).toList();
    }

    private static Pattern glob(String entry) {
        return Pattern.compile(String.join(".*", Arrays.stream(entry.split("\\*", -1)).map(Pattern::quote).toList()));
    }

    /**
     * The allowlist of {@code entries}.
     *
     * @throws IllegalArgumentException naming the first entry that is not a name or a glob
     */
    public static EnvAllowlist of(Collection<String> entries) {
        for (String e : entries) {
            String why = entryProblem(e);
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
        }
        return new EnvAllowlist(new ArrayList<>(entries));
    }

    /** The allowlist of comma-separated {@code text} (blank entries skipped); null or blank is {@link #NONE}. */
    public static EnvAllowlist parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<String> entries = new ArrayList<>();
        for (String e : text.split(",")) {
            if (!e.isBlank()) {
                entries.add(e.strip());
            }
        }
        return of(entries);
    }

    /** Why {@code entry} cannot be an allowlist entry, or null when it can. */
    public static String entryProblem(String entry) {
        if (!ENTRY.matcher(entry).matches()) {
            return "'" + entry + "' is not an environment variable name or a glob such as APP_* (letters, digits, "
                    + "'_' and '*')";
        }
        if (entry.chars().allMatch(c -> c == '*')) {
            return "'" + entry + "' would allow every environment variable; name the variables, or a prefix such as APP_*";
        }
        return null;
    }

    /** This allowlist and {@code other}'s entries. */
    public EnvAllowlist plus(EnvAllowlist other) {
        List<String> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new EnvAllowlist(all);
    }

    public boolean allows(String name) {
        return patterns.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** {@code environment} seen through this allowlist: a variable not allowed reads as unset. */
    public Function<String, String> filter(Function<String, String> environment) {
        return name -> allows(name) ? environment.apply(name) : null;
    }

    public List<String> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
