package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.environment.common.FreePorts;
import dev.pgdrill.environment.common.Reaper;
import dev.pgdrill.environment.common.RunTeardown;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Tears a local run down, once, on every exit path: thaws and stops every server (fast, then
 * immediate, then SIGKILL), closes the replication proxies, kills every process of the run's cgroup
 * ({@link RunCgroup}: whatever a drill started, however it detached) and any process still naming the
 * work directory on its command line (a pg_basebackup, an archive copy), removes the System V segments of
 * its killed servers ({@link SysVSegments}), and deletes the work directory (as the server user) and the
 * cgroup unless kept. A JVM
 * shutdown hook runs the same when the runner is terminated (SIGTERM, Ctrl-C); the {@link Reaper}
 * does it when the runner is killed outright (SIGKILL).
 */
final class Cleanup extends RunTeardown {
    private final RunContext run;
    private final Path workDir;
    private final Supplier<List<LocalNode>> nodes;
    private final ReplicationLinks links;
    private Reaper.Registration cgroupWithReaper;
    private final Supplier<List<Throwable>> managers;

    Cleanup(RunContext run, Supplier<List<LocalNode>> nodes, ReplicationLinks links) {
        this(run, nodes, links, List::of);
    }

    /** @param managers kills the run's failover manager (its agents, then its store) and returns what went wrong */
    Cleanup(RunContext run, Supplier<List<LocalNode>> nodes, ReplicationLinks links, Supplier<List<Throwable>> managers) {
        super("pgdrill-cleanup-" + run.workDir().getFileName(), () -> Reaper.get().local(run.workDir()));
        this.run = run;
        this.workDir = run.workDir();
        this.nodes = nodes;
        this.links = links;
        this.managers = managers;
    }

    /**
     * Makes {@code cgroup} (when not null) the run's membership: every command of the run's user joins it,
     * the clean-up kills all that is in it, and so does the reaper when the runner is killed first.
     */
    void adopt(RunCgroup cgroup) {
        if (cgroup == null) {
            return;
        }
        if (!keeping()) {
            cgroupWithReaper = Reaper.get().cgroup(cgroup.dir());
        }
        run.user().join(cgroup);
    }

    /**
     * Stops every server of the run; the work directory stays. The data is about to be deleted, so an
     * immediate shutdown is enough (a fast one can wait up to wal_sender_timeout for a cut-off standby);
     * kept runs get a fast shutdown so their data directories are clean.
     */
    List<Throwable> stopServers() {
        List<Throwable> problems = Collections.synchronizedList(new ArrayList<>());
        List<LocalNode> all = nodes.get();
        Collections.reverse(all); // standbys before their upstream, so a fast shutdown does not wait on them
        if (keeping()) {
            all.forEach(node -> shutDown(node, StopMode.FAST, problems));
            return problems;
        }
        // immediate: no server waits on another, so all of them at once (each a pg_ctl and a wait of its own)
        List<Thread> stopping = all.stream().map(node -> new Thread(() -> shutDown(node, StopMode.IMMEDIATE, problems),
                "pgdrill-stop-" + node.name())).toList();
        stopping.forEach(Thread::start);
        boolean interrupted = false;
        for (Thread t : stopping) {
            while (t.isAlive()) {   // every stop has its own deadline; an interrupt must not cut the wait short
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return problems;
    }

    private static void shutDown(LocalNode node, StopMode mode, List<Throwable> problems) {
        try {
            node.shutDown(mode, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            problems.add(e);
        }
    }

    @Override
    protected void tearDown() {
        run.closing().set(true);
        run.lifecycle().writeLock().lock(); // a barrier: every start issued before now has its postmaster forked
        run.lifecycle().writeLock().unlock();
        links.closeAll(); // first, so no walsender waits on a standby while its server shuts down
        List<Throwable> managerProblems = managers.get(); // then no agent restarts a server being stopped
        List<Throwable> problems = stopServers();
        problems.addAll(managerProblems);
        RunCgroup cgroup = run.user().cgroup();
        List<Long> killed = new ArrayList<>();
        if (cgroup != null && !keeping()) {
            try {
                killed.addAll(cgroup.killAll(Duration.ofSeconds(10))); // all the run started, however it detached
            } catch (RuntimeException e) {
                problems.add(e);
            }
        }
        List<Long> strays = ProcTable.withCommandLineContaining(workDir.toString());
        if (!strays.isEmpty()) {
            ProcTable.signal("KILL", strays);
            List<Long> left = ProcTable.awaitGone(strays, Duration.ofSeconds(10));
            if (!left.isEmpty()) {
                problems.add(new EnvironmentException("processes " + left + " of the run in " + workDir
                        + " survived SIGKILL"));
            }
        }
        List<Long> postmasters = new ArrayList<>(nodes.get().stream().flatMap(n -> n.postmasters().stream()).toList());
        postmasters.addAll(killed);
        List<String> segments = SysVSegments.removeOrphans(postmasters);
        if (!segments.isEmpty()) {
            problems.add(new EnvironmentException("shared memory segments " + segments + " of the run's killed "
                    + "servers could not be removed (ipcrm -m)"));
        }
        nodes.get().forEach(n -> FreePorts.release(n.port()));
        if (!keeping()) {
            try {
                run.user().delete(workDir);
            } catch (RuntimeException e) {
                problems.add(e);
            }
            if (cgroup != null) {
                try {
                    cgroup.remove();
                    if (cgroupWithReaper != null) {
                        cgroupWithReaper.close();
                    }
                } catch (RuntimeException e) {
                    problems.add(e);
                }
            }
        }
        run.user().closeAnchor();
        releaseReaper(problems.isEmpty());
        if (!problems.isEmpty()) {
            EnvironmentException e = new EnvironmentException("cleaning up the local environment in " + workDir
                    + " had problems: " + problems.get(0).getMessage());
            problems.forEach(e::addSuppressed);
            throw e;
        }
    }
}
