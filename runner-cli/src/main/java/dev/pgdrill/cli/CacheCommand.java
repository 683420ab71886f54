package dev.pgdrill.cli;

import dev.pgdrill.engine.api.DrillException;
import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.environment.common.CacheDirs;
import dev.pgdrill.environment.local.TemplateCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code runner cache [list|clear]}: the local backend's cluster template cache. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"List (the default) or clear the cluster template cache of the local backend: initdb and "
                + "the seed run once per server version, database, seed files, settings and backup tool; later "
                + "drills copy the stored cluster.",
                "Directory: --cache-dir, else $PGDRILL_CACHE_DIR, else $XDG_CACHE_HOME/pgdrill, else ~/.cache/pgdrill."})
public final class CacheCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(paramLabel = "ACTION", arity = "0..1", defaultValue = "list",
            description = "list (entries with size and key facts) or clear (remove every entry).")
    String action;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "The cache directory.")
    Path cacheDir;

    public CacheCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        TemplateCache cache = new TemplateCache(cacheDir != null ? cacheDir : CacheDirs.location(ctx.environment()));
        switch (action) {
            case "list" -> list(cache);
            case "clear" -> ctx.out().println("runner: removed " + Words.plural(cache.clear(), "template")
                    + " from " + Printable.line(cache.dir().toString()));
            default -> throw new DrillException(ExitCode.INVALID, "runner cache: unknown action '"
                    + Printable.line(action) + "' (expected list or clear)");
        }
        return ExitCode.OK.code();
    }

    private void list(TemplateCache cache) {
        List<TemplateCache.Entry> entries = cache.list();
        if (entries.isEmpty()) {
            ctx.out().println("runner: no cluster templates in " + Printable.line(cache.dir().toString()));
            return;
        }
        ctx.out().println("cluster templates in " + Printable.line(cache.dir().toString()) + ":");
        for (TemplateCache.Entry e : entries) {
            Map<String, String> f = e.facts();
            String what = f.isEmpty() ? "incomplete (no manifest): rebuilt or removed when next used"
                    : f.getOrDefault("server", "?") + "; database " + f.getOrDefault("database", "?") + "; seed "
                    + f.getOrDefault("seed", "?") + "; " + f.getOrDefault("settings", "0") + " settings; "
                    + f.getOrDefault("backup-tool", "?") + "; created " + f.getOrDefault("created", "?");
            ctx.out().println(String.format(Locale.ROOT, "  %-16s %7.1f MB  %s",
                    e.name().length() > 16 ? e.name().substring(0, 16) : e.name(), e.bytes() / 1e6,
                    Printable.line(what)));
        }
    }
}
