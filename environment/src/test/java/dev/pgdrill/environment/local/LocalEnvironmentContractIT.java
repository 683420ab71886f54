package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import dev.pgdrill.environment.common.EnvironmentContract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
