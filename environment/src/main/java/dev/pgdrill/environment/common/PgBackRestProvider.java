package dev.pgdrill.environment.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgBackRest as a run's backup tool. Everything lives under one home directory of the run
 * ({@code pgbackrest.conf}, {@code repo/}, {@code log/}, {@code lock/}, {@code spool/}), and every
 * call names its configuration and an empty include directory explicitly, so neither
 * {@code /etc/pgbackrest*} nor the runner's {@code PGBACKREST_*} variables take part.
 *
 * <ul>
 *   <li>archiving: {@code archive-push} / {@code archive-get} with {@code --pg1-path} set to the
 *       calling server's own data directory (the command runs there), so restored nodes archive too;</li>
 *   <li>set-up: {@code stanza-create}, then {@code check} (a WAL switch pushed through the archive);</li>
 *   <li>backup: {@code backup --type=full|diff|incr}; the run's name maps to pgBackRest's label;</li>
 *   <li>restore: {@code restore --set=<label>} always (pgBackRest's own choice of set for a time
 *       target works in whole seconds and refuses targets just after a backup) with
 *       {@code --type=default|immediate|time|name|lsn|xid}, the target, {@code --target-exclusive},
 *       {@code --target-action} and {@code --target-timeline} (the target's: current, latest or an id); as a
 *       standby {@code --type=standby --target-timeline=latest};</li>
 *   <li>catalogue: {@code info --output=json} (sets, their LSNs, archive range); expired sets leave it;</li>
 *   <li>errors: pgBackRest's {@code ERROR: [code]: message} becomes the message, never a trace.</li>
 * </ul>
 */
public final class PgBackRestProvider<N extends BackendNode> implements BackupProvider<N> {
    /** The stanza of every run: one cluster per environment. */
    public static final String STANZA = "drill";
    private static final Pattern ERROR = Pattern.compile("(?m)^(?:\\S+ \\S+ P\\d+ +)?ERROR: \\[(\\d+)]: (.*)$");
    private static final Pattern LABEL = Pattern.compile("new backup label = (\\S+)");
    private static final Pattern LOG_LINE = Pattern.compile("^\\S+ \\S+ P\\d+ +(INFO|WARN|ERROR): (.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOG_LINES = 30;
    /**
     * Archive commands log to their file ({@code drill-archive-get.log}) and only warnings and errors to
     * the server log: pgBackRest 2.45 opens no log file for them below level detail (measured).
     */
    private static final String ARCHIVE_LOGGING = " --log-level-console=off --log-level-stderr=warn --log-level-file=detail";

    private final BackupTool tool;
    private final ToolHost<N> host;
    private final String home;
    private final String socketDir;
    private final String dbUser;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, Integer> logMarks = new LinkedHashMap<>();
    private String restoredLogDir;
    private String version;

    /**
     * @param tool which tool this is
     * @param host runs pgBackRest where the servers live; its {@link ToolHost#toolHome()} is the run's directory
     *             for pgBackRest (created here), its {@link ToolHost#socketDir()} where pgBackRest connects to the
     *             servers, its {@link ToolHost#dbUser()} the superuser it connects as (null: the server's OS user)
     */
    PgBackRestProvider(BackupTool tool, ToolHost<N> host) {
        this.tool = tool;
        this.host = host;
        this.home = host.toolHome();
        this.socketDir = host.socketDir();
        this.dbUser = host.dbUser();
    }

    @Override
    public BackupTool tool() {
        return tool;
    }

    @Override
    public synchronized String describe() {
        if (version == null) {
            ExecResult r = host.run(List.of("pgbackrest", "version"), Duration.ofSeconds(30));
            if (!r.succeeded()) {
                throw new EnvironmentException("pgbackrest is not usable here (`pgbackrest version` exited with "
                        + r.exitCode() + ": " + r.stderr().strip() + "): install it, e.g. `apt-get install pgbackrest`");
            }
            version = r.stdout().strip().replaceFirst("(?i)^pgBackRest ", "");
        }
        return tool().key() + " " + version;
    }

    /** {@code pgbackrest} with this run's configuration and stanza, as a shell command prefix. */
    private String shellPrefix() {
        return String.join(" ", base());
    }

    private List<String> base() {
        return List.of("pgbackrest", "--config=" + home + "/pgbackrest.conf", "--config-include-path=" + home + "/conf.d",
                "--stanza=" + STANZA);
    }

    @Override
    public String archiveCommand() {
        return shellPrefix() + ARCHIVE_LOGGING + " --pg1-path=\"$PWD\" archive-push \"$PWD/%p\"";
    }

    @Override
    public String restoreCommand() {
        return shellPrefix() + ARCHIVE_LOGGING + " --pg1-path=\"$PWD\" archive-get %f \"%p\"";
    }

    @Override
    public void initialize(N primary, Duration timeout) {
        describe();
        ExecResult made = host.run(List.of("mkdir", "-p", "-m", "0700", home + "/repo", home + "/log", home + "/lock",
                home + "/spool", home + "/conf.d"), timeout);
        if (!made.succeeded()) {
            throw new EnvironmentException("could not create pgBackRest's directories in " + home + ": "
                    + made.stderr().strip());
        }
        host.writePrivate(home + "/pgbackrest.conf", String.join("\n",
                "# written by pgdrill: everything pgBackRest keeps stays inside this run",
                "[global]",
                "repo1-path=" + home + "/repo",
                "log-path=" + home + "/log",
                "lock-path=" + home + "/lock",
                "spool-path=" + home + "/spool",
                "log-level-console=info",
                "log-level-file=info",
                "start-fast=y",
                "archive-timeout=60",
                "",
                "[" + STANZA + "]",
                "pg1-socket-path=" + socketDir,
                dbUser == null ? "" : "pg1-user=" + dbUser + "\n"));
        run(primary, "stanza-create", withNode(primary, List.of("stanza-create")), timeout);
        run(primary, "check", withNode(primary, List.of("check")), timeout);
    }

    private List<String> withNode(N node, List<String> command) {
        List<String> args = new ArrayList<>(List.of("--pg1-path=" + host.dataDir(node), "--pg1-port=" + host.port(node)));
        args.addAll(command);
        return args;
    }

    @Override
    public synchronized BackupInfo backup(N node, String name, BackupType type, BackupCatalog catalog, Duration timeout) {
        catalog.reserve(name, n -> false);
        ExecResult r = run(node, "backup '" + name + "' (" + type + ") of node '" + node.name() + "'",
                withNode(node, List.of("backup", "--type=" + type.key())), timeout);
        Matcher m = LABEL.matcher(r.stdout());
        if (!m.find()) {
            throw new EnvironmentException("pgbackrest backup '" + name + "' reported no backup label:\n"
                    + tail(r.stdout(), 10));
        }
        String label = m.group(1);
        JsonNode set = set(info(timeout), label);
        labels.put(name, label);
        String archiveStart = set.path("archive").path("start").asText("");
        int timeline = archiveStart.length() >= 8 ? Integer.parseInt(archiveStart.substring(0, 8), 16) : 0;
        String priorLabel = set.path("prior").asText("");
        String parent = labels.entrySet().stream().filter(e -> e.getValue().equals(priorLabel)).map(Map.Entry::getKey)
                .findFirst().orElse(priorLabel.isEmpty() ? null : priorLabel);
        BackupInfo b = new BackupInfo(name, node.name(), set.path("lsn").path("start").asText(null),
                set.path("lsn").path("stop").asText(null), OffsetDateTime.now(), false, timeline, type,
                type == BackupType.FULL ? null : parent);
        catalog.register(b);
        return b;
    }

    @Override
    public synchronized void restoreInto(N node, BackupInfo backup, RecoveryTarget target, RestoreAction action,
                                         Duration timeout) {
        restore(node, backup, timeout, (label, restoreCommand) -> restoreArgs(host.dataDir(node), label, target,
                action, restoreCommand));
    }

    /** {@code restore --type=standby}: pgBackRest writes {@code standby.signal} and the settings itself. */
    @Override
    public synchronized void restoreAsStandby(N node, BackupInfo backup, Duration timeout) {
        restore(node, backup, timeout, (label, restoreCommand) -> standbyArgs(host.dataDir(node), label,
                restoreCommand));
    }

    /** The arguments of a restore, from the set's label and the restored node's own {@code restore_command}. */
    private interface RestoreArgs {
        List<String> of(String label, String restoreCommand);
    }

    private void restore(N node, BackupInfo backup, Duration timeout, RestoreArgs args) {
        String label = labels.get(backup.name());
        if (label == null) {
            throw new EnvironmentException("backup '" + backup.name() + "' is not in the pgBackRest repository");
        }
        host.clear(node);
        // the restored node's archive-get calls log apart: the standbys' calls would drown them in the shared file
        String logDir = home + "/log/" + node.name();
        ExecResult made = host.run(List.of("mkdir", "-p", "-m", "0700", logDir), timeout);
        if (!made.succeeded()) {
            throw new EnvironmentException("could not create " + logDir + ": " + made.stderr().strip());
        }
        markLogs(logDir);
        String restoreCommand = shellPrefix() + ARCHIVE_LOGGING + " --log-path=" + logDir
                + " --pg1-path=\"$PWD\" archive-get %f \"%p\"";
        run(node, "restore of backup '" + backup.name() + "' (set " + label + ") into node '" + node.name() + "'",
                args.of(label, restoreCommand), timeout);
        host.adopt(node);
    }

    /** The arguments of {@code pgbackrest restore} for a standby: the latest timeline, no target, the set named. */
    static List<String> standbyArgs(String dataDir, String label, String restoreCommand) {
        return List.of("--pg1-path=" + dataDir, "--set=" + label, "--type=standby", "--target-timeline=latest",
                "--recovery-option=restore_command=" + restoreCommand, "restore");
    }

    /** The arguments of {@code pgbackrest restore} for a target: every type explicit, the set always named. */
    public static List<String> restoreArgs(String dataDir, String label, RecoveryTarget target, RestoreAction action,
                                    String restoreCommand) {
        RecoveryTarget t = target == null ? RecoveryTarget.latest() : target;
        List<String> args = new ArrayList<>(List.of("--pg1-path=" + dataDir, "--set=" + label));
        switch (t.kind()) {
            case LATEST -> args.add("--type=default");
            case IMMEDIATE -> args.add("--type=immediate");
            case TIME -> args.addAll(List.of("--type=time", "--target=" + ArchiveRecovery.pgTime(t.value())));
            case NAME -> args.addAll(List.of("--type=name", "--target=" + t.value()));
            case LSN -> args.addAll(List.of("--type=lsn", "--target=" + t.value()));
            case XID -> args.addAll(List.of("--type=xid", "--target=" + t.value()));
        }
        boolean exclusiveKind = t.kind() == RecoveryTarget.Kind.TIME || t.kind() == RecoveryTarget.Kind.LSN
                || t.kind() == RecoveryTarget.Kind.XID;
        if (exclusiveKind && !t.inclusive()) {
            args.add("--target-exclusive");
        }
        if (t.kind() != RecoveryTarget.Kind.LATEST) {
            args.add("--target-action=" + (action == null ? RestoreAction.PROMOTE : action).setting());
        }
        if (t.kind() != RecoveryTarget.Kind.IMMEDIATE) {
            args.add("--target-timeline=" + t.timeline());
        }
        args.add("--recovery-option=restore_command=" + restoreCommand);
        args.add("restore");
        return args;
    }

    @Override
    public synchronized void refresh(BackupCatalog catalog) {
        if (labels.isEmpty()) {
            return;
        }
        Set<String> present = new HashSet<>();
        for (JsonNode set : info(Duration.ofSeconds(60)).path("backup")) {
            present.add(set.path("label").asText());
        }
        labels.entrySet().removeIf(e -> {
            boolean gone = !present.contains(e.getValue());
            if (gone) {
                catalog.remove(e.getKey());
            }
            return gone;
        });
    }

    @Override
    public List<String> archiveListing() {
        ExecResult r = host.run(List.of("find", home + "/repo/archive", "-type", "f", "-printf", "%f\\n"),
                Duration.ofSeconds(30));
        List<String> names = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String f = line.strip();
            if (f.isEmpty() || f.startsWith("archive.info")) {
                continue;
            }
            // 000000010000000000000005-<sha1>.gz -> the segment name; 00000002.history stays as it is
            names.add(f.replaceFirst("^([0-9A-F]{24}(?:\\.partial)?)-[0-9a-f]{40}.*$", "$1"));
        }
        return names;
    }

    @Override
    public synchronized List<String> check(N primary, BackupCatalog catalog, Duration timeout) {
        List<String> report = new ArrayList<>();
        if (primary != null) {
            report.addAll(lines(run(primary, "check", withNode(primary, List.of("check")), timeout).stdout()));
        } else {
            report.add("check skipped: node 'primary' is not running (verify reads the repository only)");
        }
        report.addAll(lines(run("verify", List.of("verify"), timeout).stdout()));
        return report;
    }

    @Override
    public synchronized List<String> expire(int retainFull, BackupCatalog catalog, Duration timeout) {
        ExecResult r = run("expire with retention of " + retainFull + " full backup(s)",
                List.of("--repo1-retention-full=" + retainFull, "expire"), timeout);
        refresh(catalog);
        return lines(r.stdout());
    }

    /** Remembers where the restore log and {@code logDir}'s archive-get log end now. */
    private void markLogs(String logDir) {
        logMarks.clear();
        restoredLogDir = logDir;
        logMarks.put(logFile(home + "/log", "restore"), host.readLines(logFile(home + "/log", "restore")).size());
        logMarks.put(logFile(logDir, "archive-get"), host.readLines(logFile(logDir, "archive-get")).size());
    }

    private static String logFile(String dir, String command) {
        return dir + "/" + STANZA + "-" + command + ".log";
    }

    @Override
    public synchronized List<String> restoreLog() {
        List<String> out = new ArrayList<>();
        logMarks.forEach((log, from) -> {
            List<String> all = host.readLines(log);
            List<String> since = all.subList(Math.min(from, all.size()), all.size());
            out.addAll(lines(String.join("\n", log.startsWith(restoredLogDir + "/") ? lastMissOnly(since) : since)));
        });
        return out.size() <= LOG_LINES ? out : out.subList(out.size() - LOG_LINES, out.size());
    }

    /** {@code mine} with only the last of its misses ("unable to find"), which marks the end of the archive. */
    public static List<String> lastMissOnly(List<String> mine) {
        int lastMiss = -1;
        for (int i = 0; i < mine.size(); i++) {
            if (mine.get(i).contains("unable to find")) {
                lastMiss = i;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).contains("unable to find") || i == lastMiss) {
                out.add(mine.get(i));
            }
        }
        return out;
    }

    /** The INFO / WARN / ERROR lines of pgBackRest output, without the long "command begin" option lists. */
    public static List<String> lines(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = LOG_LINE.matcher(line.strip());
            if (m.matches() && !m.group(2).contains("command begin")
                    && !m.group(2).startsWith("archive-get command end: completed successfully")) {
                out.add(m.group(1) + ": " + m.group(2));
            }
        }
        return out;
    }

    private JsonNode info(Duration timeout) {
        ExecResult r = run("info", List.of("--output=json", "info"), timeout);
        try {
            JsonNode all = JSON.readTree(r.stdout());
            JsonNode stanza = all.isArray() && !all.isEmpty() ? all.get(0) : null;
            if (stanza == null) {
                throw new EnvironmentException("pgbackrest info printed no stanza: " + tail(r.stdout(), 5));
            }
            return stanza;
        } catch (JsonProcessingException e) {
            throw new EnvironmentException("pgbackrest info printed no JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode set(JsonNode stanza, String label) {
        for (JsonNode set : stanza.path("backup")) {
            if (label.equals(set.path("label").asText())) {
                return set;
            }
        }
        throw new EnvironmentException("pgbackrest info does not list backup set " + label);
    }

    /** Runs {@code pgbackrest <args>} with the run's configuration; a failure becomes pgBackRest's code and message. */
    private ExecResult run(String what, List<String> args, Duration timeout) {
        return run(null, what, args, timeout);
    }

    /** As {@link #run(String, List, Duration)}, where {@code node}'s data directory is (anywhere when null). */
    private ExecResult run(N node, String what, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(base());
        command.addAll(args);
        ExecResult r = node == null ? host.run(command, timeout) : host.runOn(node, command, timeout);
        if (!r.succeeded()) {
            throw new EnvironmentException("pgbackrest " + what + " failed: " + error(r));
        }
        return r;
    }

    /** {@code error 75: backup set x is not valid}, from pgBackRest's {@code ERROR: [075]: ...}; else the output's tail. */
    public static String error(ExecResult r) {
        Matcher m = ERROR.matcher(r.stderr() + "\n" + r.stdout());
        if (m.find()) {
            return "pgBackRest error " + Integer.parseInt(m.group(1)) + ": " + m.group(2).strip();
        }
        String text = r.stderr().isBlank() ? r.stdout() : r.stderr();
        return "exit " + r.exitCode() + ": " + tail(text, 10);
    }

    private static String tail(String text, int lines) {
        List<String> all = List.of(text.strip().split("\n"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
