package dev.pgdrill.junit;

import dev.pgdrill.engine.scenario.EnvAllowlist;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

import java.util.Optional;

/**
 * The JUnit Platform engine {@code pgdrill}: scenario files chosen by directory, file, classpath-resource
 * or unique-id selectors become drills (containers) of steps (tests), run by the engine's
 * {@code DrillExecutor} on the backend that {@code pgdrill.env} names (see {@link EngineSettings}).
 *
 * <p>Maven Surefire hands engines class selectors only; run drills from Surefire with a suite class:
 * <pre>
 * &#64;Suite
 * &#64;IncludeEngines("pgdrill")
 * &#64;SelectDirectories("src/test/drills")
 * class DrillsTest {}
 * </pre>
 */
public final class PgDrillTestEngine implements TestEngine {
    /** The engine's id, for {@code @IncludeEngines}. */
    public static final String ID = "pgdrill";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.pgdrill");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("pgdrill-junit");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor root = new EngineDescriptor(uniqueId, "pgdrill");
        EnvAllowlist allowEnv = Backends.allowEnv(request.getConfigurationParameters().get(Backends.ALLOW_ENV_KEY));
        new DrillDiscovery(uniqueId, Backends.loader(allowEnv)).discover(request, root);
        return root;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor root = request.getRootTestDescriptor();
        request.getEngineExecutionListener().executionStarted(root);
        new EngineRun(request.getEngineExecutionListener(), request.getConfigurationParameters()).run(root);
        request.getEngineExecutionListener().executionFinished(root, TestExecutionResult.successful());
    }
}
