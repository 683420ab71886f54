package dev.pgdrill.engine.steps.recovery;

import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.model.Durations;
import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.postgres.StartupWatch;
import dev.pgdrill.engine.postgres.Texts;
import dev.pgdrill.engine.step.ParamProblem;
import dev.pgdrill.engine.step.ParamType;
import dev.pgdrill.engine.step.StepContext;
import dev.pgdrill.engine.step.StepFailure;
import dev.pgdrill.engine.step.StepOutput;
import dev.pgdrill.engine.step.StepParam;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.step.ValidationSink;
import dev.pgdrill.engine.wait.Poller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code log: {on: replica, since: crash, absent: "terminating walreceiver process"}}: asserts on a node's
 * PostgreSQL server log from the start of an earlier step (by its id) or of the run. {@code contains} and
 * {@code matches} pass when a line does (polling up to {@code within}); {@code absent} passes when no line
 * contains the text. A failure lists the last lines it looked at.
 */
public final class LogStep extends StepType<LogStep.Params> {
    /** Lines looked at that a failure shows, the newest. */
    static final int SHOWN = 20;
    private static final List<String> CHECKS = List.of("contains", "matches", "absent");

    record Params(@StepParam(value = "node whose server log is read", required = true, type = ParamType.NODE) String on,
                  @StepParam(value = "id of an earlier step: read the log from where it ended as that step started",
                          shown = "the start of the run") String since,
                  @StepParam("text a line must contain (case-sensitive)") String contains,
                  @StepParam("regular expression (Java syntax) a line must contain a match of") String matches,
                  @StepParam("text no line may contain (case-sensitive)") String absent,
                  @StepParam("with contains or matches: keep reading the log this long until a line does "
                          + "(default: look once)") Duration within) {
        Params {
            if (matches != null) {
                try {
                    Pattern.compile(matches);
                } catch (PatternSyntaxException e) {
                    throw new ParamProblem("matches", "'matches' is not a regular expression: "
                            + e.getDescription() + " near index " + e.getIndex() + " of '" + matches + "'");
                }
            }
            ParamProblem.require(contains == null || !contains.isEmpty(), "contains", "'contains' needs some text");
            ParamProblem.require(absent == null || !absent.isEmpty(), "absent", "'absent' needs some text");
        }

        /** What a line is tested for, for messages. */
        String describe() {
            return contains != null ? "contains '" + contains + "'" : matches != null ? "matches /" + matches + "/"
                    : "contains '" + absent + "'";
        }

        Predicate<String> test() {
            if (matches != null) {
                Pattern p = Pattern.compile(matches);
                return l -> p.matcher(l).find();
            }
            String text = contains != null ? contains : absent;
            return l -> l.contains(text);
        }
    }

    public LogStep() {
        super("log", "Assert on a node's server log since an earlier step (or the run's start): a line contains a "
                + "text, matches a regex, or no line contains a text", Params.class,
                StepOutput.of("line", "the first matching line (empty with absent)"),
                StepOutput.of("lines", "every matching line, one per line (empty with absent)"),
                StepOutput.of("count", "how many lines matched"),
                StepOutput.of("read", "how many log lines were looked at"));
    }

    @Override
    protected void checkCombination(StepSpec spec, ValidationSink problems) {
        List<String> given = CHECKS.stream().filter(spec.params()::containsKey).toList();
        if (given.size() != 1) {
            problems.problem(spec.location(), "log needs exactly one of 'contains', 'matches' or 'absent'"
                    + (given.isEmpty() ? ", found none" : ", found " + String.join(" and ", given)));
        }
        if (spec.params().containsKey("within") && spec.params().containsKey("absent")) {
            problems.problem(spec.locationOf("within"), "'within' goes with 'contains' or 'matches': 'absent' "
                    + "is checked once, on the lines written so far");
        }
    }

    @Override
    protected void run(StepContext ctx, Params p) throws Exception {
        Node node = ctx.node(p.on());
        long from = from(ctx, node, p.since());
        String range = "'" + node.name() + "''s log since " + (p.since() == null ? "the start of the run"
                : "step '" + p.since() + "' started");
        Predicate<String> test = p.test();
        List<String> lines = StartupWatch.logSince(node, from);
        if (p.absent() == null && p.within() != null && lines.stream().noneMatch(test)) {
            Duration limit = p.within().compareTo(ctx.remaining()) < 0 ? p.within() : ctx.remaining();
            Poller.Outcome<List<String>> seen = Poller.within(limit).reporting(ctx::progress).poll(
                    "a line of " + range + " that " + p.describe(), () -> StartupWatch.logSince(node, from),
                    l -> l.stream().anyMatch(test), l -> l.size() + " lines, none matching");
            lines = seen.reached() ? seen.value() : StartupWatch.logSince(node, from);
        }
        List<String> matching = lines.stream().filter(test).map(String::strip).toList();
        ctx.output("read", lines.size());
        ctx.output("count", matching.size());
        ctx.output("line", matching.isEmpty() ? "" : matching.get(0));
        ctx.output("lines", String.join("\n", matching));
        if (p.absent() != null) {
            if (!matching.isEmpty()) {
                matching.forEach(l -> ctx.evidence("found: " + l));
                throw new StepFailure("expected no line of " + range + " to contain '" + p.absent() + "', found "
                        + matching.size() + ": " + Texts.abbreviate(matching.get(0)));
            }
            ctx.evidence("no line of " + range + " contains '" + p.absent() + "' (" + lines.size() + " lines read)");
            return;
        }
        if (matching.isEmpty()) {
            List<String> shown = lines.subList(Math.max(0, lines.size() - SHOWN), lines.size());
            shown.forEach(l -> ctx.evidence("looked at: " + l.strip()));
            throw new StepFailure("no line of " + range + " " + p.describe()
                    + (p.within() != null ? " within " + Durations.format(p.within()) : "") + " (" + lines.size()
                    + " lines read" + (lines.isEmpty() ? ")" : "; the last " + shown.size() + ":\n  "
                    + String.join("\n  ", shown.stream().map(String::strip).toList()) + ")"));
        }
        matching.forEach(l -> ctx.evidence("matched: " + l));
    }

    @Override
    public Set<String> logMarksRead(StepSpec spec) {
        return spec.params().get("since") instanceof String id ? Set.of(id) : Set.of();
    }

    /** Where the log is read from: the mark of step {@code since} for this node, or its start. */
    private static long from(StepContext ctx, Node node, String since) {
        if (since == null) {
            return 0;
        }
        Map<String, Long> marks = ctx.state().logMarks(since);
        if (marks == null) {
            throw new StepFailure("since '" + since + "': no step with that id has started before this one");
        }
        return marks.getOrDefault(node.name(), 0L); // no mark: the node did not exist then, its whole log is later
    }
}
