package dev.pgdrill.cli;

import dev.pgdrill.engine.scenario.Scenario;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A subcommand that takes FILE|DIR arguments plus the common options and works on the loaded
 * scenarios without running them ({@code validate}, {@code plan}).
 */
abstract class ScenarioCommand implements Callable<Integer> {
    final CliContext ctx;

    @ParentCommand
    RunnerCommand parent;

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Scenario files, or directories of *.yaml files.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    CommonOptions common = new CommonOptions();

    ScenarioCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Every named scenario, validated with this command's options over the parent's; problems of
     * all files are printed on stderr and end the command with exit 2 (see {@link ScenarioFiles#loadAll}).
     */
    List<Scenario> loadScenarios() {
        return ScenarioFiles.load(ctx, paths, options());
    }

    /** This command's options over the parent's. */
    CommonOptions options() {
        return common.over(parent == null ? null : parent.common());
    }
}
