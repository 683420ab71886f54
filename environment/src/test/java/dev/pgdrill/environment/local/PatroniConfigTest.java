package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.PatroniSettings;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Patroni agent's configuration: the drill's DCS settings, loopback ports, and values that stay plain strings. */
class PatroniConfigTest {
    @Test
    @SuppressWarnings("unchecked")
    void carriesTheDrillsDcsSettingsAndKeepsAPasswordWithYamlSyntaxAString() {
        String password = "a: b\n- 'c' # \"d\" {e}";
        RunContext run = new RunContext(Path.of("/w/pgdrill-x-1"), null, new PgBinaries(Path.of("/usr/lib/postgresql/15/bin")),
                password, null, null, "shop");
        LocalNode node = new LocalNode("primary", run, 15432);
        String yaml = PatroniConfig.of(run, new PatroniSettings(20, 2, 5, 1048576, true, false),
                Path.of("/w/pgdrill-x-1/patroni"), node, 18008, 12379);
        Map<String, Object> c = new Yaml().load(yaml);
        assertThat(c).containsEntry("scope", "pgdrill-x-1").containsEntry("name", "primary");
        assertThat((Map<String, Object>) c.get("restapi")).containsEntry("listen", "127.0.0.1:18008");
        assertThat((Map<String, Object>) c.get("etcd3")).containsEntry("hosts", "127.0.0.1:12379");
        Map<String, Object> dcs = (Map<String, Object>) ((Map<String, Object>) c.get("bootstrap")).get("dcs");
        assertThat(dcs).containsEntry("ttl", 20).containsEntry("loop_wait", 2).containsEntry("retry_timeout", 5)
                .containsEntry("maximum_lag_on_failover", 1048576).containsEntry("synchronous_mode", true);
        assertThat((Map<String, Object>) dcs.get("postgresql")).containsEntry("use_pg_rewind", false);
        Map<String, Object> pg = (Map<String, Object>) c.get("postgresql");
        assertThat(pg).containsEntry("listen", "127.0.0.1:15432").containsEntry("data_dir", "/w/pgdrill-x-1/primary")
                .containsEntry("bin_dir", "/usr/lib/postgresql/15/bin");
        Map<String, Object> auth = (Map<String, Object>) pg.get("authentication");
        assertThat((Map<String, Object>) auth.get("replication")).containsEntry("username", "admin")
                .containsEntry("password", password);
        assertThat((Map<String, Object>) pg.get("parameters")).containsEntry("log_directory", "/w/pgdrill-x-1/logs")
                .containsEntry("log_filename", "primary.log").containsEntry("logging_collector", "on");
    }
}
