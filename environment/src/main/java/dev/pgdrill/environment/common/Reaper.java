package dev.pgdrill.environment.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ties what a run starts to the runner's life, as Testcontainers' Ryuk does: a tiny shell process,
 * started once per runner in a session of its own ({@code setsid}, so a Ctrl-C to the runner's process
 * group does not reach it), that reads registrations from a pipe. When the runner dies, even by
 * SIGKILL, the kernel closes the pipe; the reaper then removes whatever is still registered:
 * <ul>
 *   <li>a local work directory: every process whose command line names it (servers, pg_ctl,
 *       pg_basebackup, archive copies) and their children are SIGKILLed, then the directory is deleted;</li>
 *   <li>a Compose project: its containers (unpaused, then forced out with their anonymous volumes),
 *       networks and volumes, found by the {@code com.docker.compose.project} label, then its files.</li>
 * </ul>
 * A run that cleaned up after itself {@linkplain Registration#close() forgets} its registration, so on a
 * normal exit the reaper finds nothing to do and ends quietly. A shell costs about a millisecond to
 * start, a second JVM half a second: set-up time counts, so it is a shell.
 *
 * <p>When the reaper cannot be started (no {@code setsid} or {@code sh}), runs go on without it after
 * one warning on stderr: a SIGKILLed runner then leaves its servers behind, as before.
 */
public final class Reaper {
    /** The reaper; {@code $1} is the runner's pid, for {@code ps}. Lines: {@code local ID DIR},
     * {@code compose ID PROJECT DIR}, {@code forget ID}. */
    static final String SCRIPT = """
            trap '' INT HUP PIPE
            regs=''
            while IFS= read -r line; do
              case "$line" in
                'forget '*) id=${line#forget }
                            regs=$(printf '%s\\n' "$regs" | grep -v "^[a-z]* $id " || true) ;;
                'local '*|'compose '*) regs="$regs
            $line" ;;
              esac
            done
            kill_naming() {
              dir=$1
              for round in 1 2 3 4 5 6 7 8 9 10; do
                named=$(grep -l -a -F -- "$dir" /proc/[0-9]*/cmdline 2>/dev/null | sed 's#^/proc/##; s#/cmdline$##' | grep -vx "$$")
                [ -z "$named" ] && return 0
                pids=" $(echo $named) "
                for f in /proc/[0-9]*/stat; do
                  read -r st < "$f" 2>/dev/null || continue
                  fields=${st##*) }
                  set -- $fields
                  p=${f#/proc/}
                  case "$pids" in *" $2 "*) pids="$pids${p%/stat} " ;; esac
                done
                kill -KILL $pids 2>/dev/null
                sleep 0.2
              done
            }
            printf '%s\\n' "$regs" | while read -r kind id rest; do
              case "$kind" in
                local) kill_naming "$rest"; rm -rf -- "$rest" ;;
                compose)
                  project=${rest%% *}; dir=${rest#* }
                  f="label=com.docker.compose.project=$project"
                  ids=$(docker ps -q --filter "$f" --filter status=paused); [ -n "$ids" ] && docker unpause $ids
                  ids=$(docker ps -aq --filter "$f"); [ -n "$ids" ] && docker rm -f -v $ids
                  ids=$(docker network ls -q --filter "$f"); [ -n "$ids" ] && docker network rm $ids
                  ids=$(docker volume ls -q --filter "$f"); [ -n "$ids" ] && docker volume rm -f $ids
                  rm -rf -- "$dir" ;;
              esac
            done >/dev/null 2>&1
            """;

    private static Reaper instance;
    private final OutputStream pipe;
    private final AtomicLong ids = new AtomicLong();

    private Reaper(OutputStream pipe) {
        this.pipe = pipe;
    }

    /** What one run registered; {@link #close()} tells the reaper the run cleaned up after itself. */
    public final class Registration implements AutoCloseable {
        private final long id;

        private Registration(long id) {
            this.id = id;
        }

        @Override
        public void close() {
            send("forget " + id);
        }
    }

    /** The runner's reaper, started on first use. */
    public static synchronized Reaper get() {
        if (instance == null) {
            instance = new Reaper(start());
        }
        return instance;
    }

    /** Registers a local run's work directory: its processes are killed and the directory removed. */
    public Registration local(Path workDir) {
        return register("local", clean(workDir.toAbsolutePath().toString()));
    }

    /** Registers a Compose project: its containers, networks and volumes are removed, and {@code dir}. */
    public Registration compose(String project, Path dir) {
        if (!project.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("not a Compose project name: " + project);
        }
        return register("compose", project + " " + clean(dir.toAbsolutePath().toString()));
    }

    private Registration register(String kind, String what) {
        Registration r = new Registration(ids.incrementAndGet());
        send(kind + " " + r.id + " " + what);
        return r;
    }

    private static String clean(String path) {
        if (path.isBlank() || path.equals("/") || path.contains("\n") || path.contains("\r")) {
            throw new IllegalArgumentException("the reaper cannot take the path '" + path + "'");
        }
        return path;
    }

    private synchronized void send(String line) {
        if (pipe == null) {
            return;
        }
        try {
            pipe.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            pipe.flush();
        } catch (IOException e) {
            // the reaper is gone: nothing to tell it; the run still cleans up after itself
        }
    }

    private static OutputStream start() {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
            command.add("setsid");
        }
        command.addAll(List.of("sh", "-c", SCRIPT, "pgdrill-reaper", Long.toString(ProcessHandle.current().pid())));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        Map<String, String> mine = Map.copyOf(env);
        env.clear();
        env.put("PATH", mine.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin") + ":/usr/local/bin:/usr/sbin:/sbin");
        mine.forEach((k, v) -> {
            if (k.equals("HOME") || k.startsWith("DOCKER_")) {
                env.put(k, v);
            }
        });
        try {
            return pb.start().getOutputStream();
        } catch (IOException e) {
            System.err.println("pgdrill: could not start the reaper (" + e.getMessage() + "): servers and containers "
                    + "of a run are not removed if the runner is killed with SIGKILL");
            return null;
        }
    }
}
