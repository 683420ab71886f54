package dev.pgdrill.engine.step;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * State that lives for one drill and is shared by its steps: published outputs, and things a step
 * started that a later step uses or that clean-up must stop (e.g. a background workload). Resources
 * registered with {@link #closeAtEnd(AutoCloseable)} are closed in reverse order when the drill ends,
 * before the environment is closed.
 */
public final class RunState {
    private final Map<String, Map<String, String>> outputs = new ConcurrentHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final List<StartedStep> started = new CopyOnWriteArrayList<>();
    private final Map<String, String> drawn = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> logMarks = new ConcurrentHashMap<>();
    private final Set<String> marked = ConcurrentHashMap.newKeySet();

    /**
     * A step that began running: when, and what it was (the {@code rto} step measures from a fault's start).
     *
     * @param id    the step's id, or null
     * @param type  its YAML key ({@code kill}, {@code stop}, ...)
     * @param label its name as shown in reports
     * @param at    when it started, or when it acted after waiting (see {@link #actsAt})
     */
    public record StartedStep(String id, String type, String label, Instant at) {
    }

    /** Records the value drawn for a range ({@code crash.after} = {@code 1234ms}), in the order drawn. */
    public void drawn(String path, String value) {
        synchronized (drawn) {
            drawn.put(path, value);
        }
    }

    /** The values drawn so far in this drill, by path, in the order drawn. */
    public Map<String, String> drawn() {
        synchronized (drawn) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(drawn));
        }
    }

    /** Called by the executor as each step starts to run. */
    public void stepStarted(String id, String type, String label, Instant at) {
        started.add(new StartedStep(id, type, label, at));
    }

    /**
     * The running step (the last started) acts only now: a fault step with {@code after:} waited first, and the
     * recovery time counts from the moment the fault landed.
     */
    public void actsAt(Instant at) {
        synchronized (started) {
            if (!started.isEmpty()) {
                StartedStep last = started.get(started.size() - 1);
                started.set(started.size() - 1, new StartedStep(last.id(), last.type(), last.label(), at));
            }
        }
    }

    /** The ids of the steps whose start a later step reads the server logs from (only these are marked). */
    public void markLogsOf(Collection<String> stepIds) {
        marked.addAll(stepIds);
    }

    /** Whether a later step reads the server logs from the start of step {@code stepId}. */
    public boolean marksLogsOf(String stepId) {
        return stepId != null && marked.contains(stepId);
    }

    /**
     * Records where each node's server log ended as step {@code stepId} started (node name to
     * {@code Node.logPosition()}), so a later {@code log} step can read from there.
     */
    public void markLogs(String stepId, Map<String, Long> positions) {
        logMarks.put(stepId, Map.copyOf(positions));
    }

    /**
     * Where the server logs ended as step {@code stepId} last started, by node (a node missing did not exist
     * then, or its log could not be sized); null when no step with that id has started.
     */
    public Map<String, Long> logMarks(String stepId) {
        return logMarks.get(stepId);
    }

    /** Steps started so far in this drill, in order. */
    public List<StartedStep> startedSteps() {
        return List.copyOf(started);
    }

    public void publish(String stepId, Map<String, String> values) {
        outputs.put(stepId, Map.copyOf(values));
    }

    /** Output {@code name} of step {@code stepId}, or null. */
    public String output(String stepId, String name) {
        Map<String, String> m = outputs.get(stepId);
        return m == null ? null : m.get(name);
    }

    public void put(String key, Object value) {
        attributes.put(key, value);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) attributes.get(key);
    }

    public Object remove(String key) {
        return attributes.remove(key);
    }

    public synchronized void closeAtEnd(AutoCloseable c) {
        closeables.push(c);
    }

    /** Closes registered resources, newest first; the first failure is returned with others suppressed. */
    public synchronized Exception closeAll() {
        Exception first = null;
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }
}
