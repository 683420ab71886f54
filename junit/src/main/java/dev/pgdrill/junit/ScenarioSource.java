package dev.pgdrill.junit;

import dev.pgdrill.engine.model.Location;
import dev.pgdrill.engine.scenario.InvalidScenarioException;
import dev.pgdrill.engine.scenario.Problem;
import dev.pgdrill.engine.scenario.Scenario;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a scenario comes from: a file, or a classpath resource. A resource in a directory (such as
 * {@code target/test-classes}) is its file, so that an IDE opens the file; one inside a jar is read
 * from there and named by its resource name.
 *
 * @param file     the file, or null for a resource inside a jar
 * @param resource the classpath resource name, or null for a file named directly
 */
record ScenarioSource(Path file, String resource) {
    static final String CLASSPATH = "classpath:";

    static ScenarioSource ofFile(Path file) {
        return new ScenarioSource(file, null);
    }

    /** A classpath resource, found through {@code loader}; null when there is none by that name. */
    static ScenarioSource ofResource(String name, ClassLoader loader) {
        String resource = name.startsWith("/") ? name.substring(1) : name;
        URL url = loader.getResource(resource);
        if (url == null) {
            return null;
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return new ScenarioSource(Path.of(url.toURI()), resource);
            } catch (URISyntaxException | IllegalArgumentException e) {
                return new ScenarioSource(null, resource);
            }
        }
        return new ScenarioSource(null, resource);
    }

    /** The value of the drill's unique-id segment: the path, or {@code classpath:NAME}. */
    String id() {
        return resource != null ? CLASSPATH + resource : file.toString();
    }

    /** The path that messages and reports name. */
    Path shownPath() {
        return file != null ? file : Path.of(resource);
    }

    /**
     * The validated scenario.
     *
     * @throws InvalidScenarioException with every problem, each at {@code file:line:column}
     */
    Scenario load(ScenarioLoader loader, Map<String, String> vars) {
        if (file != null) {
            return loader.load(file, vars);
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidScenarioException(List.of(new Problem(new Location(shownPath(), 0, 0),
                        "no such classpath resource")));
            }
            return loader.parse(shownPath(), in.readNBytes(ScenarioLoader.MAX_BYTES + 1), vars);
        } catch (IOException e) {
            throw new InvalidScenarioException(List.of(new Problem(new Location(shownPath(), 0, 0),
                    "cannot read the classpath resource: " + e.getMessage())));
        }
    }

    /** The test source of a position in this scenario (line 0: the whole file). */
    TestSource source(int line, int column) {
        FilePosition position = line > 0 ? FilePosition.from(line, Math.max(column, 1)) : null;
        if (file != null) {
            return FileSource.from(file.toFile(), position);
        }
        return ClasspathResourceSource.from(resource, position);
    }
}
