package dev.pgdrill.environment.common;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ties what a run starts to the runner's life, as Testcontainers' Ryuk does: a tiny shell process,
 * started once per runner in a session of its own ({@code setsid}, so a Ctrl-C to the runner's process
 * group does not reach it), that reads registrations from a pipe (a FIFO whose name is removed once both
 * ends are open; the runner holds no child process for it). When the runner dies, even by SIGKILL, the
 * kernel closes the runner's end; the reaper then removes whatever is still registered:
 * <ul>
 *   <li>a run's cgroup: every process in it is SIGKILLed at once ({@code cgroup.kill}), then it is removed;</li>
 *   <li>a local work directory: every process whose command line names it (servers, pg_ctl,
 *       pg_basebackup, archive copies) and their children are SIGKILLed, the System V segments the killed
 *       postmasters created are removed, then the directory is deleted;</li>
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
    /** The reaper; {@code $1} is the runner's pid, for {@code ps}. Lines: {@code cgroup ID DIR},
     * {@code local ID DIR}, {@code compose ID PROJECT DIR}, {@code forget ID}. */
    static final String SCRIPT = """
            trap '' INT HUP PIPE
            regs=''
            while IFS= read -r line; do
              case "$line" in
                'forget '*) id=${line#forget }
                            regs=$(printf '%s\\n' "$regs" | grep -v "^[a-z]* $id " || true) ;;
                'cgroup '*|'local '*|'compose '*) regs="$regs
            $line" ;;
              esac
            done
            killed=' '
            kill_naming() {
              dir=$1
              for round in 1 2 3 4 5 6 7 8 9 10; do
                named=$(grep -l -a -F -- "$dir" /proc/[0-9]*/cmdline 2>/dev/null | sed 's#^/proc/##; s#/cmdline$##' | grep -vx "$$")
                [ -z "$named" ] && break
                pids=" $(echo $named) "
                for f in /proc/[0-9]*/stat; do
                  read -r st < "$f" 2>/dev/null || continue
                  fields=${st##*) }
                  set -- $fields
                  p=${f#/proc/}
                  case "$pids" in *" $2 "*) pids="$pids${p%/stat} " ;; esac
                done
                kill -KILL $pids 2>/dev/null
                killed="$killed$pids"
                sleep 0.2
              done
              # the System V segments the killed postmasters created and no one holds any more
              segs=$(awk -v pids="$killed" 'NR > 1 && $7 == 0 && index(pids, " " $5 " ") { printf "-m %s ", $2 }' \\
                /proc/sysvipc/shm 2>/dev/null)
              [ -n "$segs" ] && ipcrm $segs
              return 0
            }
            printf '%s\\n' "$regs" | while read -r kind id rest; do
              case "$kind" in
                cgroup)
                  [ -f "$rest/cgroup.procs" ] || continue
                  killed="$killed$(echo $(cat "$rest/cgroup.procs")) "
                  echo 1 > "$rest/cgroup.kill"
                  for round in 1 2 3 4 5 6 7 8 9 10; do
                    [ -z "$(cat "$rest/cgroup.procs")" ] && break
                    for p in $(cat "$rest/cgroup.procs"); do kill -KILL "$p"; done
                    sleep 0.2
                  done
                  rmdir -- "$rest" ;;
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

    /** Registers a run's cgroup: everything in it is killed and the cgroup removed. */
    public Registration cgroup(Path dir) {
        String path = clean(dir.toAbsolutePath().toString());
        if (!path.startsWith("/sys/fs/cgroup/") || path.contains("/../") || path.contains(" ")) {
            throw new IllegalArgumentException("not a cgroup of a run: " + path);
        }
        return register("cgroup", path);
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
        Path dir = null;
        try {
            // The pipe is a FIFO in a private directory, opened read-write here (which never blocks), so the
            // shell started below can open its reading end at once, start the reaper with it and exit. No JVM
            // thread then waits on a live child: a thread in native code (the JDK's waitpid) holds the JVM's
            // exit for 300 ms. When the runner dies, its end closes and the reaper reads end-of-file.
            dir = Files.createTempDirectory("pgdrill-reaper-");
            Path fifo = dir.resolve("pipe");
            launch(List.of("mkfifo", "-m", "600", fifo.toString()), Map.of());
            RandomAccessFile end = new RandomAccessFile(fifo.toFile(), "rw");
            String setsid = Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))
                    ? "setsid " : "";
            // fd 4: the reading end, opened before the background job starts (whose own stdin would be /dev/null)
            launch(List.of("sh", "-c", "exec 4<\"$2\" || exit 1; " + setsid + "sh -c \"$0\" pgdrill-reaper \"$1\" <&4 "
                    + "4<&- >/dev/null 2>&1 & exit 0", SCRIPT, Long.toString(ProcessHandle.current().pid()),
                    fifo.toString()), reaperEnvironment());
            return new FileOutputStream(end.getFD());
        } catch (IOException e) {
            System.err.println("pgdrill: could not start the reaper (" + e.getMessage() + "): servers and containers "
                    + "of a run are not removed if the runner is killed with SIGKILL");
            return null;
        } finally {
            if (dir != null) {
                Directories.deleteRecursively(dir);   // the open ends stay valid
            }
        }
    }

    /** Runs {@code command} to its end (at most 10 s); an {@link IOException} when it fails. */
    private static void launch(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (!environment.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(environment);
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not end within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while starting it");
        }
        if (p.exitValue() != 0) {
            throw new IOException(command.get(0) + " exited with " + p.exitValue());
        }
    }

    /** PATH (with the sbin directories) and, for docker, HOME and DOCKER_*; nothing else of the runner's. */
    private static Map<String, String> reaperEnvironment() {
        Map<String, String> mine = System.getenv();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", mine.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin") + ":/usr/local/bin:/usr/sbin:/sbin");
        mine.forEach((k, v) -> {
            if (k.equals("HOME") || k.startsWith("DOCKER_")) {
                env.put(k, v);
            }
        });
        return env;
    }
}
