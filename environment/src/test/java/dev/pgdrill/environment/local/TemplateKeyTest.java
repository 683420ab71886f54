package dev.pgdrill.environment.local;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The template key follows everything a template depends on, and nothing else. */
class TemplateKeyTest {
    private static final List<String> INITDB = Provisioner.INITDB_OPTIONS;
    private static final String SERVER = "postgres (PostgreSQL) 15.18";

    private static TemplateKey key(String server, String database, String tool, Map<String, String> settings,
                                   String seedText) {
        return TemplateKey.of(server, INITDB, database, tool, settings, List.of(TemplateKey.Seed.ofText("s.sql", seedText)));
    }

    @Test
    void sameInputsSameKeyWhateverTheOrderOfSettings() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertThat(key(SERVER, "db", "pg_basebackup", ab, "x").hash())
                .isEqualTo(key(SERVER, "db", "pg_basebackup", ba, "x").hash()).hasSize(64);
    }

    @Test
    void everyInputChangesTheKey() {
        String base = key(SERVER, "db", "pg_basebackup", Map.of("a", "1"), "x").hash();
        assertThat(List.of(
                key("postgres (PostgreSQL) 15.19", "db", "pg_basebackup", Map.of("a", "1"), "x").hash(),
                key(SERVER, "db2", "pg_basebackup", Map.of("a", "1"), "x").hash(),
                key(SERVER, "db", "pgbackrest", Map.of("a", "1"), "x").hash(),
                key(SERVER, "db", "pg_basebackup", Map.of("a", "2"), "x").hash(),
                key(SERVER, "db", "pg_basebackup", Map.of("a", "1", "b", "1"), "x").hash(),
                key(SERVER, "db", "pg_basebackup", Map.of("a", "1"), "x ").hash(),
                TemplateKey.of(SERVER, List.of("--no-sync"), "db", "pg_basebackup", Map.of("a", "1"),
                        List.of(TemplateKey.Seed.ofText("s.sql", "x"))).hash()))
                .doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void aSettingValueCannotForgeAnotherLine() {
        assertThat(key(SERVER, "db", "pg_basebackup", Map.of("a", "1\nseed abc"), "x").text())
                .doesNotContain("\nseed abc");
    }
}
