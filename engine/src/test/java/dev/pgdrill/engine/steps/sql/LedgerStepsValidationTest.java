package dev.pgdrill.engine.steps.sql;

import dev.pgdrill.engine.model.StepSpec;
import dev.pgdrill.engine.step.StepRegistry;
import dev.pgdrill.engine.step.StepType;
import dev.pgdrill.engine.testing.Specs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What validate says about the ledger-related parameters, before anything runs. */
class LedgerStepsValidationTest {
    private final StepRegistry registry = StepRegistry.load();

    private List<String> problems(StepSpec spec) {
        StepType<?> type = registry.find(spec.type()).orElseThrow();
        List<String> out = new ArrayList<>();
        type.validate(spec, (where, message) -> out.add(message));
        return out;
    }

    @Test
    void theNewStepTypesAreRegistered() {
        assertThat(registry.keys()).contains("workload", "workload-stop", "rpo", "rto");
    }

    @Test
    void aLedgeredSqlWriteNeedsAPresenceQuery() {
        assertThat(problems(Specs.step("sql", "on", "primary", "run", "INSERT INTO t VALUES (1)", "ledger", "critical")))
                .singleElement().asString().contains("'ledger' needs 'present-if'");
        assertThat(problems(Specs.step("sql", "on", "primary", "run", "INSERT INTO t VALUES (1)", "ledger", "critical",
                "present-if", "SELECT count(*) > 0 FROM t"))).isEmpty();
        assertThat(problems(Specs.step("sql", "on", "primary", "run", "INSERT INTO t VALUES (1)", "key", "charlie")))
                .singleElement().asString().contains("'key' only applies with 'ledger'");
    }

    @Test
    void expectBlockedExcludesCaptureAndExpectError() {
        assertThat(problems(Specs.step("sql", "on", "primary", "query", "INSERT INTO t VALUES (1) RETURNING 1",
                "expect-blocked", "2s", "capture", true)))
                .singleElement().asString().contains("'capture' and 'expect-blocked' exclude each other");
    }

    @Test
    void workloadTableMustBeAPlainNameAndTheRatePositive() {
        assertThat(problems(Specs.step("workload", "table", "t; DROP TABLE customers")))
                .singleElement().asString().contains("plain SQL name");
        for (double bad : new double[] {0, 1e-300, 0.09, 1000.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThat(problems(Specs.step("workload", "rate", bad))).as("rate " + bad).singleElement().asString()
                    .isEqualTo("'rate' must be a number of writes per second from 0.1 (one write every 10s) to 1000, "
                            + "found " + bad);
        }
        assertThat(problems(Specs.step("workload", "rate", 0.1))).isEmpty();
        assertThat(problems(Specs.step("workload", "rate", 1000L))).isEmpty();
        assertThat(problems(Specs.step("workload", "table", "drill.writes", "rate", 50))).isEmpty();
    }
}
