package dev.pgdrill.junit;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @Suite @IncludeEngines("pgdrill") @SelectDirectories(...)} runs the drills in the directory. */
class SuitePatternIT {
    @Test
    void aSuiteClassRunsTheDrillsOfItsDirectoryStepByStep() {
        EngineExecutionResults results = EngineTestKit.engine("junit-platform-suite")
                .selectors(DiscoverySelectors.selectClass(DrillsSuiteIT.class))
                .execute();

        results.testEvents().assertStatistics(s -> s.started(4).succeeded(4).failed(0));
        assertThat(results.testEvents().succeeded().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactly("replica has caught up", "lag is measured", "primary takes a write",
                        "the write is on the primary");
        assertThat(results.testEvents().succeeded().list()).allSatisfy(e -> {
            assertThat(e.getTestDescriptor().getUniqueId().toString()).contains("[engine:pgdrill]");
            assertThat(e.getTestDescriptor().getSource().orElseThrow()).isInstanceOf(FileSource.class);
        });
        assertThat(results.containerEvents().succeeded().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .contains("junit-smoke", "DrillsSuiteIT");
    }
}
