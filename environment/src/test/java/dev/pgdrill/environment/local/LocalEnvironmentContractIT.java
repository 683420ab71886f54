package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.EnvironmentContract;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link EnvironmentContract} on the local backend (PostgreSQL processes of this machine). */
class LocalEnvironmentContractIT extends EnvironmentContract {
    private final List<Long> postmasters = new ArrayList<>();

    @Override
    protected Environment create(String runName) {
        Sql.assumePostgresInstalled();
        return Environments.factory("local", EnvironmentOptions.defaults()).create(runName);
    }

    @Override
    protected Duration setUpTimeout() {
        return Duration.ofSeconds(60);
    }

    /** Local links are the run's proxies: a step that needs one refuses while it is cut, naming itself. */
    @Test
    @Order(3)
    void stepsThroughACutLinkAreRefusedUnderTheirOwnName() {
        env.partition("replica");
        try {
            assertThatThrownBy(() -> env.follow("replica", "primary"))
                    .hasMessage("follow 'replica' from 'primary': the replication link is partitioned (heal replica first)");
            assertThatThrownBy(() -> env.rebuildReplica("replica", "primary"))
                    .hasMessage("rebuild-replica 'replica' from 'primary': the replication link is partitioned "
                            + "(heal replica first)");
        } finally {
            env.heal("replica");
        }
    }

    @Override
    protected List<String> leftovers(Environment closed) {
        List<String> left = new ArrayList<>();
        for (String name : closed.nodeNames()) {
            ((LocalNode) closed.node(name).orElseThrow()).postmasterPid().ifPresent(postmasters::add);
        }
        postmasters.stream().filter(ProcTable::alive).forEach(pid -> left.add("postmaster " + pid));
        Path work = Path.of(closed.location());
        if (Files.exists(work)) {
            left.add("work directory " + work);
        }
        return left;
    }
}
