package dev.pgdrill.environment.testcontainers;

import dev.pgdrill.engine.env.EnvironmentException;
import dev.pgdrill.environment.container.DockerEngine;
import org.testcontainers.utility.ResourceReaper;
import org.testcontainers.utility.TestcontainersConfiguration;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Whether Testcontainers' Ryuk runs, decided once per JVM before Testcontainers first talks to Docker.
 * Ryuk is a container ({@code testcontainers/ryuk}) that must come from a registry; on a host without
 * one (this project's CI) it cannot start and every container start would fail. So:
 * <ol>
 *   <li>{@code TESTCONTAINERS_RYUK_DISABLED} set: Testcontainers itself obeys it;</li>
 *   <li>else {@code -Dpgdrill.testcontainers.ryuk=on|off}: that;</li>
 *   <li>else on when the Ryuk image is on the Docker host, off when not.</li>
 * </ol>
 * Off, Testcontainers removes its containers from a JVM shutdown hook, and pgdrill's own reaper still
 * removes a run of a runner killed by SIGKILL. Testcontainers 1.21 reads the switch only from the
 * environment variable, so "off" is set by installing its shutdown-hook reaper before first use.
 */
final class RyukSwitch {
    static final String PROPERTY = "pgdrill.testcontainers.ryuk";
    private static Boolean decided;

    private RyukSwitch() {
    }

    /** Decides (first call only) and returns whether Ryuk runs. */
    static synchronized boolean configure(DockerEngine engine) {
        if (decided == null) {
            boolean on = wanted(System.getenv("TESTCONTAINERS_RYUK_DISABLED"), System.getProperty(PROPERTY),
                    () -> engine.imageExists(ryukImage()));
            if (!on && System.getenv("TESTCONTAINERS_RYUK_DISABLED") == null) {
                installShutdownHookReaper();
            }
            decided = on;
        }
        return decided;
    }

    /** The decision: the environment variable, then the property, then whether the image is there. */
    static boolean wanted(String disabledEnv, String property, BooleanSupplier imagePresent) {
        if (disabledEnv != null && !disabledEnv.isBlank()) {
            return !Boolean.parseBoolean(disabledEnv.trim());
        }
        if (property != null && !property.isBlank()) {
            String p = property.trim().toLowerCase(Locale.ROOT);
            if (p.equals("on") || p.equals("true")) {
                return true;
            }
            if (p.equals("off") || p.equals("false")) {
                return false;
            }
            throw new EnvironmentException("-D" + PROPERTY + "=" + property + ": expected on or off");
        }
        return imagePresent.getAsBoolean();
    }

    @SuppressWarnings("deprecation")
    static String ryukImage() {
        return TestcontainersConfiguration.getInstance().getRyukImage();
    }

    /** Makes {@link ResourceReaper#instance()} the shutdown-hook reaper, as TESTCONTAINERS_RYUK_DISABLED=true does. */
    private static void installShutdownHookReaper() {
        try {
            Field instance = ResourceReaper.class.getDeclaredField("instance");
            instance.setAccessible(true);
            if (instance.get(null) != null) {
                return;
            }
            Class<?> hook = Class.forName(ResourceReaper.class.getPackageName() + ".JVMHookResourceReaper");
            Constructor<?> constructor = hook.getDeclaredConstructor();
            constructor.setAccessible(true);
            instance.set(null, constructor.newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new EnvironmentException("could not switch Testcontainers' Ryuk off (" + e + "): set "
                    + "TESTCONTAINERS_RYUK_DISABLED=true in the environment", e);
        }
    }
}
