package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.env.Node;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A multi-host connection cannot carry a node reached only through its own unix socket (a sandbox). */
class MultiHostSocketTest {
    private static Node node(String name, ConnectionInfo info) {
        return (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "connectionInfo" -> info;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aSandboxAmongSeveralNodesIsRefusedNamingIt() {
        Node sandbox = node("restored", new ConnectionInfo("127.0.0.1", 40001, "d", "u", "p", "/nowhere/.s.PGSQL.40001"));
        Node other = node("primary", new ConnectionInfo("127.0.0.1", 40002, "d", "u", "p"));
        assertThatThrownBy(() -> MultiHost.connect(List.of(other, sandbox), MultiHost.SessionAttrs.ANY, null, 0))
                .isInstanceOf(SQLException.class).hasMessageStartingWith("a connection to several nodes cannot reach "
                        + "restored: a sandbox restored from a source is reached only through its own unix socket");
    }

    @Test
    void aSingleSandboxWhoseSocketIsMissingIsRefusedBeforePgjdbcTriesTcp() {
        Node sandbox = node("restored", new ConnectionInfo("127.0.0.1", 40001, "d", "u", "p", "/nowhere/.s.PGSQL.40001"));
        assertThatThrownBy(() -> MultiHost.connect(List.of(sandbox), MultiHost.SessionAttrs.ANY, null, 0))
                .isInstanceOf(SQLException.class).hasMessageStartingWith("could not connect through unix socket /nowhere");
    }
}
