package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;

import java.time.Duration;

/**
 * Run in a child JVM by {@link ShutdownHookIT}: sets up an environment, freezes the replica, cuts
 * its link, prints {@code READY <work dir>} and then waits to be terminated. It never closes the
 * environment itself: only the shutdown hook can clean up.
 */
public final class HoldEnvironmentMain {
    private HoldEnvironmentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Environment env = Environments.factory("local", EnvironmentOptions.defaults()).create("sigterm");
        System.out.println("LOCATION " + env.location());
        System.out.flush();
        env.setUp(Duration.ofSeconds(90));
        env.partition("replica");
        env.node("replica").orElseThrow().pause();
        System.out.println("READY " + env.location());
        System.out.flush();
        while (true) {
            Thread.sleep(100);
        }
    }
}
