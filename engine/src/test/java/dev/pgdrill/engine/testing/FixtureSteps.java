package dev.pgdrill.engine.testing;

import dev.pgdrill.engine.step.StepRegistry;

import java.util.List;

/**
 * Small step types for tests of pure engine logic (loader, planner, executor), independent of the
 * real step library: {@code echo}, {@code nap}, {@code clone} and {@code check}. Shipped in the
 * engine test-jar.
 */
public final class FixtureSteps {
    private FixtureSteps() {
    }

    /** A registry holding only the fixture step types. */
    public static StepRegistry registry() {
        return new StepRegistry(List.of(new EchoStep(), new NapStep(), new CloneStep(), new CheckStep()));
    }
}
