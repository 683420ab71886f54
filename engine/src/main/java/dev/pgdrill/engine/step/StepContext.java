package dev.pgdrill.engine.step;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Leader;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.Measurement;
import dev.pgdrill.engine.model.Sample;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.wait.Poller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a running step sees: its resolved arguments, the environment, the drill's shared state,
 * its deadline, and the recorders for outputs, measurements, samples and evidence. One per step run.
 */
public final class StepContext {
    private final StepSpec spec;
    private final Map<String, Object> args;
    private final Environment env;
    private final RunState state;
    private final Instant deadline;
    private final BiConsumer<String, String> progress;
    private final Map<String, String> outputs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Measurement> measurements = Collections.synchronizedList(new ArrayList<>());
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<String> evidence = Collections.synchronizedList(new ArrayList<>());
    private volatile String focusNode;

    /**
     * @param args     the step's parameters as written, {@code ${...}} references resolved
     * @param progress receives (awaiting, current) while the step waits; forwarded to listeners
     */
    public StepContext(StepSpec spec, Map<String, Object> args, Environment env, RunState state, Instant deadline,
                       BiConsumer<String, String> progress) {
        this.spec = spec;
        this.args = Map.copyOf(args);
        this.env = env;
        this.state = state;
        this.deadline = deadline;
        this.progress = progress;
    }

    public StepSpec spec() {
        return spec;
    }

    /** The step's parameters as written, {@code ${...}} references resolved; {@link StepType} binds them. */
    public Map<String, Object> args() {
        return args;
    }

    public Environment env() {
        return env;
    }

    public RunState state() {
        return state;
    }

    public Instant deadline() {
        return deadline;
    }

    /** Time left before the step's deadline (never negative). */
    public Duration remaining() {
        Duration d = Duration.between(Instant.now(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * The node named {@code name}; fails the step naming the nodes that exist when it does not. The role reference
     * {@code leader} ({@link Leader#ROLE}) is resolved now, through the environment's {@link Environment#leader()},
     * and the node it named is recorded as evidence.
     */
    public Node node(String written) {
        String name = written;
        if (Leader.isRole(written)) {
            Leader leader = env.leader().orElseThrow(() -> new StepFailure("no node leads now, so 'leader' names none "
                    + "(nodes: " + String.join(", ", env.nodeNames()) + "); wait for one with wait-leader first"));
            evidence("'leader' is node '" + leader.node() + "' (" + leader.source() + ")");
            name = leader.node();
        }
        focusNode = name;
        String chosen = name;
        return env.node(chosen).orElseThrow(() -> new StepFailure(
                "no node '" + chosen + "' (nodes: " + String.join(", ", env.nodeNames()) + ")"));
    }

    /** The node whose server log is attached when this step fails (the last one looked up). */
    public String focusNode() {
        return focusNode;
    }

    public void output(String name, Object value) {
        outputs.put(name, String.valueOf(value));
    }

    public void measure(String name, double value, String unit) {
        measurements.add(new Measurement(name, value, unit));
    }

    public void sample(String series, double value) {
        samples.add(new Sample(series, System.currentTimeMillis(), value));
    }

    public void evidence(String line) {
        evidence.add(line);
    }

    /** Tells listeners what the step is waiting for and the last value seen. */
    public void progress(String awaiting, String current) {
        progress.accept(awaiting, current);
    }

    /**
     * Polls {@code probe} until {@code done} holds, at most until {@code timeout} or the step
     * deadline, whichever is first. A probe that throws counts as "not yet" and its message becomes
     * the last value. Every value is reported through {@link #progress}.
     *
     * @param what     what is awaited, for progress and the timeout message ("pg_is_in_recovery() = false on 'primary'")
     * @param describe turns a probed value into text for messages
     * @return the value that satisfied {@code done}
     * @throws StepFailure on timeout: {@code timed out after 30s waiting for <what> (last: <value>)}
     */
    public <T> T await(String what, Duration timeout, Poller.Probe<T> probe, Predicate<T> done,
                       Function<T, String> describe) throws InterruptedException {
        Duration left = remaining();
        Duration limit = timeout == null || left.compareTo(timeout) < 0 ? left : timeout;
        return Poller.within(limit).reporting(this::progress).poll(what, probe, done, describe)
                .orElseThrow(StepFailure::new);
    }

    public Map<String, String> outputs() {
        synchronized (outputs) {
            return Map.copyOf(outputs);
        }
    }

    public List<Measurement> measurements() {
        synchronized (measurements) {
            return List.copyOf(measurements);
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    public List<String> evidence() {
        synchronized (evidence) {
            return List.copyOf(evidence);
        }
    }
}
