package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.engine.wait.Poller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Freezes, thaws and kills a postmaster with all of its processes. Every postgres child calls
 * setsid(), so signalling a process group would reach only the postmaster: the tree is found
 * through parent pids in /proc instead, postmaster first, then re-scanned until no new child
 * appears.
 */
final class Freezer {
    private final Set<Long> frozen = new LinkedHashSet<>();

    synchronized boolean isFrozen() {
        return !frozen.isEmpty();
    }

    /** SIGSTOP to the postmaster, then to every descendant; returns once all are stopped. */
    synchronized void freeze(long postmaster, String nodeName) {
        ProcTable.signal("STOP", List.of(postmaster));
        frozen.add(postmaster);
        for (int round = 0; round < 50; round++) {
            List<Long> fresh = new ArrayList<>(ProcTable.descendants(postmaster));
            fresh.removeAll(frozen);
            if (fresh.isEmpty()) {
                break;
            }
            ProcTable.signal("STOP", fresh);
            frozen.addAll(fresh);
        }
        Poller.Outcome<Boolean> stopped = Poller.within(Duration.ofSeconds(5))
                .pausing(Duration.ofMillis(10), Duration.ofMillis(50))
                .poll("processes of node '" + nodeName + "' to stop after SIGSTOP", () -> running().isEmpty());
        if (!stopped.reached()) {
            throw new EnvironmentException("pause of node '" + nodeName + "': " + stopped.message() + "; still running: "
                    + running());
        }
    }

    private List<Long> running() {
        return frozen.stream().filter(pid -> ProcTable.stat(pid).map(s -> s.state() != 'T' && s.state() != 't'
                && s.state() != 'Z' && s.state() != 'X').orElse(false)).toList();
    }

    /** SIGCONT to every frozen process and to any descendant of the postmaster (nothing stays frozen). */
    synchronized void thaw(long postmaster) {
        Set<Long> all = new LinkedHashSet<>(frozen);
        if (postmaster > 0) {
            all.addAll(ProcTable.descendants(postmaster));
            all.add(postmaster);
        }
        List<Long> alive = all.stream().filter(ProcTable::alive).toList();
        // children first, postmaster last, so the postmaster never sees half-frozen children
        List<Long> ordered = new ArrayList<>(alive);
        if (ordered.remove(Long.valueOf(postmaster))) {
            ordered.add(postmaster);
        }
        ProcTable.signal("CONT", ordered);
        frozen.clear();
    }

    /**
     * SIGKILL to the postmaster, then to every descendant; returns once all are gone. The postmaster
     * is stopped first so that it cannot fork a child between the scan and the kill.
     */
    synchronized void kill(long postmaster, String nodeName) {
        ProcTable.signal("STOP", List.of(postmaster));
        List<Long> tree = new ArrayList<>();
        tree.add(postmaster);
        tree.addAll(ProcTable.descendants(postmaster));
        ProcTable.signal("KILL", tree);
        frozen.clear();
        List<Long> left = ProcTable.awaitGone(tree, Duration.ofSeconds(10));
        if (!left.isEmpty()) {
            throw new EnvironmentException("kill of node '" + nodeName + "': processes " + left
                    + " still alive 10s after SIGKILL");
        }
    }
}
