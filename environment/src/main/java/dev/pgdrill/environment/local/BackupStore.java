package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.environment.common.BackupCatalog;
import dev.pgdrill.environment.common.LinkSafeCopy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Base backups and naive copies of a run, under {@code <work>/backups/<name>}. */
final class BackupStore {
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(2);
    private final RunContext run;
    private final BackupCatalog catalog;

    BackupStore(RunContext run, BackupCatalog catalog) {
        this.run = run;
        this.catalog = catalog;
    }

    Path dir(String name) {
        return run.backups().resolve(name);
    }

    /**
     * pg_basebackup (fast checkpoint, WAL streamed alongside) of {@code node}, straight to its port; with a
     * {@code parent}, an incremental one against the manifest of that earlier backup.
     */
    BackupInfo baseBackup(LocalNode node, String name, BackupInfo parent, Duration timeout) {
        Path target = reserve(name);
        List<String> args = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", Integer.toString(node.port()), "-U",
                RunContext.ADMIN, "-D", target.toString(), "--checkpoint=fast", "-X", "stream", "--no-password"));
        if (parent != null) {
            args.add("--incremental=" + dir(parent.name()).resolve("backup_manifest"));
        }
        run.pg((parent == null ? "backup '" : "incremental backup '") + name + "' of node '" + node.name() + "'",
                "pg_basebackup", args, run.clientEnv(node.port()), timeout);
        return catalog.registerBase(name, node.name(), read(target.resolve("backup_label")),
                read(target.resolve("backup_manifest")), parent);
    }

    /** {@code pg_combinebackup} of {@code chain} (full first) into {@code target}, which must not exist. */
    void combine(List<BackupInfo> chain, Path target, Duration timeout) {
        List<String> args = new ArrayList<>(List.of("-o", target.toString()));
        chain.forEach(b -> args.add(dir(b.name()).toString()));
        run.pg("pg_combinebackup of " + String.join(" + ", chain.stream().map(BackupInfo::name).toList()) + " into "
                + target, "pg_combinebackup", args, Map.of(), timeout);
    }

    /** {@code pg_verifybackup} of each backup (its manifest, checksums and the WAL it needs); one line each; throws on the first problem. */
    List<String> verify(List<BackupInfo> list, Duration timeout) {
        if (list.isEmpty()) {
            throw new EnvironmentException("no base backup was taken in this run to check (add a backup step first)");
        }
        List<String> report = new ArrayList<>();
        for (BackupInfo b : list) {
            ExecResult r = run.pgUnchecked("pg_verifybackup", List.of(dir(b.name()).toString()), Map.of(), timeout);
            String said = ServerUser.tail(r.stderr().isBlank() ? r.stdout() : r.stderr() + "\n" + r.stdout(), 10);
            if (!r.succeeded()) {
                throw new EnvironmentException("pg_verifybackup of backup '" + b.name() + "' failed (exit " + r.exitCode()
                        + "): " + said);
            }
            report.add("backup '" + b.name() + "': " + said);
        }
        return report;
    }

    /** A plain recursive copy of the live data directory, no backup mode: files may be torn or missing. */
    BackupInfo naiveCopy(LocalNode node, String name) {
        Path target = reserve(name);
        copy("naive copy '" + name + "' of node '" + node.name() + "'", LinkSafeCopy.WHOLE, node.dataDir(), target);
        run.user().own(target);
        return catalog.registerNaive(name, node.name());
    }

    /**
     * A naive copy taken in two parts: {@code pg_wal} first, then {@code midway}, then everything
     * else (pg_control included). A failure anywhere removes the partial copy and is passed on.
     */
    BackupInfo naiveCopy(LocalNode node, String name, Runnable midway) {
        Path target = reserve(name);
        Path data = node.dataDir();
        try {
            copy("naive copy '" + name + "' of node '" + node.name() + "' (pg_wal)", LinkSafeCopy.WAL_ONLY, data, target);
            midway.run();
            copy("naive copy '" + name + "' of node '" + node.name() + "' (all but pg_wal)", LinkSafeCopy.ALL_BUT_WAL,
                    data, target);
        } catch (RuntimeException e) {
            run.user().delete(target);
            throw e;
        }
        run.user().own(target);
        return catalog.registerNaive(name, node.name());
    }

    /**
     * Copies as the server user (never as root) with {@code cp -a}: links stay links, pipes and other
     * special files are created, never read, and nothing the server user cannot read already is copied.
     */
    private void copy(String what, String script, Path from, Path to) {
        ExecResult r = run.user().run(List.of("bash", "-c", script, "pgdrill-copy", from.toString(), to.toString()),
                Map.of(), run.workDir(), COPY_TIMEOUT);
        if (!r.succeeded()) {
            run.user().delete(to);
            throw new EnvironmentException(what + " into " + to + " failed (exit " + r.exitCode() + "): "
                    + ServerUser.tail(r.stderr().isBlank() ? r.stdout() : r.stderr(), 15));
        }
    }

    /** Checks the name (an existing directory of that name counts as taken) and returns the backup's directory. */
    private Path reserve(String name) {
        catalog.reserve(name, n -> Files.exists(dir(n)));
        return dir(name);
    }

    private String read(Path file) {
        try {
            return run.user().readIfPresent(file).orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
