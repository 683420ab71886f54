package dev.pgdrill.environment.common;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the local backend's cluster template cache lives, from the environment alone (the cache itself is
 * {@code local.TemplateCache}); here so that the options every backend shares need not know the local one.
 */
public final class CacheDirs {
    private CacheDirs() {
    }

    /**
     * {@code $PGDRILL_CACHE_DIR}, else {@code $XDG_CACHE_HOME/pgdrill}, else {@code ~/.cache/pgdrill};
     * null when {@code PGDRILL_NO_CACHE} is {@code 1} or {@code true} (no cache).
     */
    public static Path defaultDir(Function<String, String> env) {
        String off = env.apply("PGDRILL_NO_CACHE");
        return off != null && (off.equals("1") || off.equalsIgnoreCase("true")) ? null : location(env);
    }

    /** Where the cache is, as {@link #defaultDir} says, whether or not {@code PGDRILL_NO_CACHE} is set. */
    public static Path location(Function<String, String> env) {
        String explicit = env.apply("PGDRILL_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.apply("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "pgdrill");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "pgdrill");
    }
}
