package dev.pgdrill.environment.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgdrill.engine.env.BackupInfo;
import dev.pgdrill.engine.env.BackupSource;
import dev.pgdrill.engine.env.BackupTool;
import dev.pgdrill.engine.env.BackupType;
import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.ExecResult;
import dev.pgdrill.engine.env.Names;
import dev.pgdrill.engine.env.RecoveryTarget;
import dev.pgdrill.engine.env.RestoreAction;
import dev.pgdrill.engine.env.SourceState;
import dev.pgdrill.environment.common.BackupCatalog;
import dev.pgdrill.environment.common.PgBackRestProvider;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pgBackRest stanza, reached through the tool's own configuration file, as a drill's source. Only reading
 * commands run ({@code info}, {@code repo-ls}, {@code restore}, {@code archive-get}), as the server user, each with
 * {@code --lock-path} and {@code --log-path} (archive-get without asynchronous archiving, so no spool either) in the run's work directory, so nothing lands in the repository or in the configuration's own paths.
 * {@code restore --set=<label> --pg1-path=<sandbox>} with the target; its {@code restore_command} is
 * {@code archive-get} with the same configuration.
 */
final class PgBackRestSource implements SourceProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARCHIVE_LOGGING = " --log-level-console=off --log-level-stderr=warn --log-level-file=detail";

    private final RunContext run;
    private final BackupSource source;
    private final Map<String, String> drillSettings;
    private final String home;
    private final Map<String, Integer> logMarks = new LinkedHashMap<>();
    private String version;

    PgBackRestSource(RunContext run, BackupSource source, Map<String, String> drillSettings) {
        this.run = run;
        this.source = source;
        this.drillSettings = drillSettings;
        this.home = run.workDir().resolve(Names.TOOL).toString();
    }

    @Override
    public BackupTool tool() {
        return BackupTool.of("pgbackrest").orElseThrow();
    }

    @Override
    public synchronized String describe() {
        if (version == null) {
            ExecResult r = exec(List.of("pgbackrest", "version"), Duration.ofSeconds(30));
            if (!r.succeeded()) {
                throw new EnvironmentException("pgbackrest is not usable here (`pgbackrest version` exited with "
                        + r.exitCode() + ": " + r.stderr().strip() + "): install it, e.g. `apt-get install pgbackrest`");
            }
            version = r.stdout().strip().replaceFirst("(?i)^pgBackRest ", "");
        }
        return "pgbackrest " + version;
    }

    /** The configuration, stanza and the run's log path: what every call names (the lock path where one is taken). */
    private List<String> base(String logPath) {
        return List.of("pgbackrest", "--config=" + source.config(), "--stanza=" + source.stanza(),
                "--log-path=" + logPath);
    }

    private String lockPath() {
        return "--lock-path=" + home + "/lock";
    }

    @Override
    public String restoreCommand() {
        return restoreCommand(home + "/log");
    }

    private String restoreCommand(String logPath) {
        // unquoted: pgBackRest writes the value into postgresql.auto.conf as it is, and a source's paths and stanza
        // hold plain characters only (BackupSource.PATH, BackupSource.WORD), as the run's own paths do
        return "pgbackrest --config=" + source.config() + " --stanza=" + source.stanza() + " --lock-path=" + home
                + "/lock --log-path=" + logPath + " --no-archive-async"
                + ARCHIVE_LOGGING + " --pg1-path=\"$PWD\" archive-get %f \"%p\"";
    }

    @Override
    public synchronized void open(Duration timeout) {
        describe();
        ExecResult made = exec(List.of("mkdir", "-p", "-m", "0700", home + "/lock", home + "/log"),
                timeout);
        if (!made.succeeded()) {
            throw new EnvironmentException("could not create pgBackRest's directories in " + home + ": "
                    + made.stderr().strip());
        }
        if (!exec(List.of("test", "-f", source.config().toString(), "-a", "-r", source.config().toString()), timeout)
                .succeeded()) {
            throw new EnvironmentException("pgBackRest's configuration " + source.config() + " is not a file the server "
                    + "user (" + run.user().name() + ") can read");
        }
        JsonNode stanza = info(timeout);
        if (stanza.path("status").path("code").asInt(0) != 0 && stanza.path("backup").isEmpty()) {
            throw new EnvironmentException("pgBackRest stanza '" + source.stanza() + "' (config " + source.config()
                    + "): " + stanza.path("status").path("message").asText("no status"));
        }
        JsonNode dbs = stanza.path("db");
        String version = dbs.isArray() && !dbs.isEmpty() ? dbs.get(dbs.size() - 1).path("version").asText("") : "";
        SourceProvider.checkVersion(run, version.matches("\\d+") ? Integer.parseInt(version) : 0,
                "pgBackRest stanza '" + source.stanza() + "'");
    }

    private JsonNode info(Duration timeout) {
        ExecResult r = pgbackrest("info", List.of(lockPath(), "--output=json", "info"), timeout);
        try {
            JsonNode all = JSON.readTree(r.stdout());
            if (!all.isArray() || all.isEmpty()) {
                throw new EnvironmentException("pgbackrest info printed no stanza");
            }
            return all.get(0);
        } catch (JsonProcessingException e) {
            throw new EnvironmentException("pgbackrest info printed no JSON: " + e.getOriginalMessage(), e);
        }
    }

    private List<SourceState.Backup> backups(JsonNode stanza) {
        List<SourceState.Backup> out = new ArrayList<>();
        for (JsonNode set : stanza.path("backup")) {
            String label = set.path("label").asText();
            out.add(new SourceState.Backup(label, label + " (" + set.path("type").asText() + ")",
                    epoch(set.path("timestamp").path("start")), epoch(set.path("timestamp").path("stop")),
                    set.path("lsn").path("start").asText(null), set.path("lsn").path("stop").asText(null)));
        }
        return out;
    }

    private static OffsetDateTime epoch(JsonNode seconds) {
        return seconds.isNumber() ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds.asLong()), ZoneOffset.UTC)
                : null;
    }

    @Override
    public synchronized void refresh(BackupCatalog catalog) {
        for (JsonNode set : info(Duration.ofSeconds(60)).path("backup")) {
            String label = set.path("label").asText();
            if (Names.backupProblem(label) != null || catalog.list().stream().anyMatch(b -> b.name().equals(label))) {
                continue;
            }
            String archiveStart = set.path("archive").path("start").asText("");
            int timeline = archiveStart.length() >= 8 ? Integer.parseInt(archiveStart.substring(0, 8), 16) : 0;
            BackupType type = switch (set.path("type").asText("full")) {
                case "diff" -> BackupType.DIFF;
                case "incr" -> BackupType.INCR;
                default -> BackupType.FULL;
            };
            String prior = set.path("prior").isTextual() ? set.path("prior").asText() : null;
            catalog.register(new BackupInfo(label, "source", set.path("lsn").path("start").asText(null),
                    set.path("lsn").path("stop").asText(null), epoch(set.path("timestamp").path("stop")), false,
                    timeline, type, type == BackupType.FULL ? null : prior));
        }
    }

    @Override
    public synchronized SourceState state() {
        List<SourceState.Backup> backups = backups(info(Duration.ofSeconds(60)));
        String newest = null;
        long newestTime = 0;
        for (Map.Entry<String, Long> f : archiveFiles().entrySet()) {
            String segment = segmentOf(f.getKey());
            if (segment.matches("[0-9A-F]{24}") && (newest == null || segment.compareTo(newest) > 0)) {
                newest = segment;
                newestTime = f.getValue();
            }
        }
        return new SourceState(source, describe(), backups, newest, newest == null ? null
                : OffsetDateTime.ofInstant(Instant.ofEpochSecond(newestTime), ZoneOffset.UTC), 0, List.of());
    }

    /** Every file under the stanza's archive in the repository, by path, with its time (epoch seconds). */
    private Map<String, Long> archiveFiles() {
        ExecResult r = pgbackrest("repo-ls", List.of("--recurse", "--output=json", "repo-ls",
                "archive/" + source.stanza()), Duration.ofSeconds(60));
        Map<String, Long> files = new LinkedHashMap<>();
        try {
            JsonNode all = JSON.readTree(r.stdout());
            for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if ("file".equals(e.getValue().path("type").asText())) {
                    files.put(e.getKey(), e.getValue().path("time").asLong(0));
                }
            }
        } catch (JsonProcessingException e) {
            throw new EnvironmentException("pgbackrest repo-ls printed no JSON: " + e.getOriginalMessage(), e);
        }
        return files;
    }

    /** {@code 15-1/0000000100000000/000000010000000000000005-<sha1>.gz} -> the segment name; a history file as is. */
    static String segmentOf(String path) {
        String f = path.substring(path.lastIndexOf('/') + 1);
        return f.replaceFirst("^([0-9A-F]{24}(?:\\.partial)?)-[0-9a-f]{40}.*$", "$1");
    }

    @Override
    public List<String> archiveListing() {
        return archiveFiles().keySet().stream().map(PgBackRestSource::segmentOf)
                .filter(f -> !f.startsWith("archive.info")).toList();
    }

    @Override
    public synchronized void restoreInto(LocalNode node, BackupInfo backup, RecoveryTarget target, RestoreAction action,
                                         Duration timeout) {
        run.user().delete(node.dataDir());
        String logDir = home + "/log/" + node.name();
        ExecResult made = exec(List.of("mkdir", "-p", "-m", "0700", logDir), timeout);
        if (!made.succeeded()) {
            throw new EnvironmentException("could not create " + logDir + ": " + made.stderr().strip());
        }
        logMarks.clear();
        for (String log : List.of(home + "/log/" + source.stanza() + "-restore.log",
                logDir + "/" + source.stanza() + "-archive-get.log")) {
            logMarks.put(log, readLines(log).size());
        }
        // tablespaces go into the run's directory, never back to the paths production had (pgBackRest's default)
        List<String> args = new ArrayList<>(List.of(lockPath(), "--tablespace-map-all="
                + run.workDir().resolve(node.name() + "-tablespaces")));
        args.addAll(PgBackRestProvider.restoreArgs(node.dataDir().toString(), backup.name(), target, action,
                restoreCommand(logDir)));
        pgbackrest("restore of set " + backup.name() + " into node '" + node.name() + "'", args, timeout);
        SourceSandbox.apply(run, node, null, drillSettings);
    }

    @Override
    public synchronized List<String> restoreLog() {
        List<String> out = new ArrayList<>();
        logMarks.forEach((log, from) -> {
            List<String> all = readLines(log);
            List<String> since = all.subList(Math.min(from, all.size()), all.size());
            out.addAll(PgBackRestProvider.lines(String.join("\n", log.endsWith("archive-get.log")
                    ? PgBackRestProvider.lastMissOnly(since) : since)));
        });
        return out.size() <= 30 ? out : out.subList(out.size() - 30, out.size());
    }

    private List<String> readLines(String path) {
        return run.user().readIfPresent(Path.of(path)).map(t -> t.lines().toList()).orElse(List.of());
    }

    private ExecResult pgbackrest(String what, List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(base(home + "/log"));
        command.addAll(args);
        ExecResult r = exec(command, timeout);
        if (!r.succeeded()) {
            throw new EnvironmentException("pgbackrest " + what + " failed: " + PgBackRestProvider.error(r));
        }
        return r;
    }

    private ExecResult exec(List<String> command, Duration timeout) {
        return run.user().run(command, Map.of(), run.workDir(), timeout);
    }
}
