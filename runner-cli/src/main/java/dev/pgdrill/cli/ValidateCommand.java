package dev.pgdrill.cli;

import dev.pgdrill.engine.api.ExitCode;
import dev.pgdrill.engine.model.Redactor;
import dev.pgdrill.engine.report.Printable;
import dev.pgdrill.engine.scenario.Problem;
import dev.pgdrill.engine.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code runner validate FILE...}: checks scenarios without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check scenario files (keys, types, durations, variables, references, nodes) without running "
                + "anything. Prints every problem as file:line:column: message.")
public final class ValidateCommand extends ScenarioCommand {
    @Mixin
    FormatOption format = new FormatOption();

    public ValidateCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (format.json()) {
            return json();
        }
        for (Scenario s : loadScenarios()) {
            ctx.out().println("ok: " + Printable.line(s.file().toString()) + " ('"
                    + Printable.line(s.secrets().mask(s.name())) + "': " + ScenarioFiles.stepCounts(s) + ")");
        }
        return ExitCode.OK.code();
    }

    /**
     * Every file checked, as one JSON document on stdout; with problems, exit 2 as in text.
     * Shape (version {@link FormatOption#JSON_FORMAT}; fields are only ever added):
     * <pre>
     * {"format": 1, "valid": true|false,
     *  "scenarios": [{"file", "name", "steps": 6, "finallySteps": 1}],       (the valid files)
     *  "problems": [{"file", "line", "column", "message"}]}                  (line and column null: the whole file)
     * </pre>
     */
    private int json() {
        ScenarioFiles.Checked checked = ScenarioFiles.check(ctx, paths, options());
        Redactor secrets = checked.secrets();
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (Scenario s : checked.scenarios()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("file", s.secrets().mask(s.file().toString()));
            one.put("name", s.secrets().mask(s.name()));
            one.put("steps", s.steps().size());
            one.put("finallySteps", s.finallySteps().size());
            scenarios.add(one);
        }
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Problem p : checked.problems()) {
            Map<String, Object> one = PlanJson.location(p.location(), secrets);
            one.put("message", secrets.mask(p.message()));
            problems.add(one);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FormatOption.JSON_FORMAT);
        doc.put("valid", problems.isEmpty());
        doc.put("scenarios", scenarios);
        doc.put("problems", problems);
        FormatOption.print(ctx.out(), doc);
        if (!problems.isEmpty()) {
            throw checked.failure();
        }
        return ExitCode.OK.code();
    }
}
