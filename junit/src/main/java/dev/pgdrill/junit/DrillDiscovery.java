package dev.pgdrill.junit;

import dev.pgdrill.engine.scenario.InvalidScenarioException;
import dev.pgdrill.engine.scenario.Problem;
import dev.pgdrill.engine.scenario.ScenarioLoader;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns selectors into drill descriptors: a directory stands for every {@code *.yaml} / {@code *.yml}
 * file below it (sorted by path), a file or classpath resource for itself, a unique id for the drill it
 * names (a step's id selects its whole drill: steps depend on the ones before them). Only the drills found
 * in a directory are left out of a run when this machine cannot run them (see {@code RunPlan}). Class selectors
 * are left to other engines. A file that does not validate becomes an {@link InvalidDrillDescriptor};
 * discovery itself never throws for a scenario's content.
 */
final class DrillDiscovery {
    private final UniqueId engineId;
    private final ScenarioLoader loader;

    DrillDiscovery(UniqueId engineId, ScenarioLoader loader) {
        this.engineId = engineId;
        this.loader = loader;
    }

    void discover(EngineDiscoveryRequest request, TestDescriptor root) {
        Map<String, ScenarioSource> sources = new LinkedHashMap<>();
        Set<String> named = new HashSet<>();
        ClassLoader classes = Thread.currentThread().getContextClassLoader();
        for (DirectorySelector s : request.getSelectorsByType(DirectorySelector.class)) {
            for (Path f : yamlFiles(s.getPath())) {
                add(sources, ScenarioSource.ofFile(f));
            }
        }
        for (FileSelector s : request.getSelectorsByType(FileSelector.class)) {
            named.add(add(sources, ScenarioSource.ofFile(s.getPath())));
        }
        for (ClasspathResourceSelector s : request.getSelectorsByType(ClasspathResourceSelector.class)) {
            ScenarioSource src = ScenarioSource.ofResource(s.getClasspathResourceName(), classes);
            named.add(add(sources, src != null ? src : new ScenarioSource(null, s.getClasspathResourceName())));
        }
        for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
            List<UniqueId.Segment> segments = s.getUniqueId().getSegments();
            if (!s.getUniqueId().hasPrefix(engineId) || segments.size() < 2
                    || !DrillDescriptor.SEGMENT.equals(segments.get(1).getType())) {
                continue;
            }
            String value = segments.get(1).getValue();
            named.add(add(sources, value.startsWith(ScenarioSource.CLASSPATH)
                    ? resource(value.substring(ScenarioSource.CLASSPATH.length()), classes)
                    : ScenarioSource.ofFile(Path.of(value))));
        }
        for (ScenarioSource src : sources.values()) {
            root.addChild(describe(src, named.contains(src.id())));
        }
    }

    private static ScenarioSource resource(String name, ClassLoader classes) {
        ScenarioSource src = ScenarioSource.ofResource(name, classes);
        return src != null ? src : new ScenarioSource(null, name);
    }

    private static String add(Map<String, ScenarioSource> sources, ScenarioSource src) {
        sources.putIfAbsent(src.id(), src);
        return src.id();
    }

    private TestDescriptor describe(ScenarioSource src, boolean named) {
        UniqueId id = engineId.append(DrillDescriptor.SEGMENT, src.id());
        try {
            return new DrillDescriptor(id, src, src.load(loader, Map.of()), named);
        } catch (InvalidScenarioException e) {
            if (e.problems().isEmpty()) {
                return new InvalidDrillDescriptor(id, src, src.shownPath() + ": " + e.getMessage(), 0, 0);
            }
            Problem first = e.problems().get(0);
            String all = e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
            return new InvalidDrillDescriptor(id, src, all, first.location().line(), first.location().column());
        }
    }

    /** Every {@code *.yaml} / {@code *.yml} file below {@code dir}, sorted; none when it is not a directory. */
    static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list scenario directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
