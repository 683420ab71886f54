package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.Environment;
import dev.pgdrill.engine.env.Node;
import dev.pgdrill.engine.env.StopMode;
import dev.pgdrill.environment.EnvironmentOptions;
import dev.pgdrill.environment.Environments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.pgdrill.environment.local.Sql.await;
import static dev.pgdrill.environment.local.Sql.queryLong;
import static dev.pgdrill.environment.local.Sql.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One local environment shared by the tests of the primary/replica topology and node faults. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalEnvironmentIT {
    private static Environment env;
    private static Node primary;
    private static Node replica;

    @BeforeAll
    static void setUp() {
        Sql.assumePostgresInstalled();
        env = Environments.factory("local", EnvironmentOptions.defaults()).create("local-it");
        long started = System.nanoTime();
        env.setUp(Duration.ofSeconds(60));
        System.out.printf("local environment set up in %d ms at %s%n", (System.nanoTime() - started) / 1_000_000,
                env.location());
        primary = env.node("primary").orElseThrow();
        replica = env.node("replica").orElseThrow();
    }

    @AfterAll
    static void tearDown() {
        if (env != null) {
            env.close();
        }
    }

    @Test
    @Order(1)
    void primaryHoldsTheSeedAndTheReplicaReceivesANewRow() throws Exception {
        assertThat(queryLong(primary, "SELECT count(*) FROM customers")).isEqualTo(2);
        assertThat(queryLong(primary, "SELECT count(*) FROM products")).isEqualTo(4);
        assertThat(queryLong(primary, "SELECT count(*) FROM orderItems")).isEqualTo(4);
        assertThat(env.nodeNames()).containsExactly("primary", "replica");
        assertThat(queryString(replica, "SELECT pg_is_in_recovery()::text")).isEqualTo("true");

        Sql.exec(primary, "INSERT INTO customers (firstName, lastName, email) VALUES ('Dana', 'Lee', 'dana@x.org')");
        await(Duration.ofSeconds(10), "Dana on the replica",
                () -> queryLong(replica, "SELECT count(*) FROM customers WHERE lastName = 'Lee'") == 1);
    }
}
