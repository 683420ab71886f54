package dev.pgdrill.engine.postgres;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.env.Node;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.HostSpec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A client connection to several nodes, as an application with a multi-host connection string makes it:
 * pgjdbc tries the hosts in order and keeps the first whose role fits the session attributes asked for
 * (libpq's {@code target_session_attrs}, mapped to pgjdbc's {@code targetServerType}).
 */
public final class MultiHost {
    /** libpq's {@code target_session_attrs}, each with the pgjdbc {@code targetServerType} that stands for it. */
    public enum SessionAttrs {
        ANY("any"),
        /** pgjdbc's primary: a server where {@code transaction_read_only} is off. */
        READ_WRITE("primary"),
        READ_ONLY("secondary"),
        PRIMARY("primary"),
        STANDBY("secondary"),
        PREFER_STANDBY("preferSecondary");

        private final String targetServerType;

        SessionAttrs(String targetServerType) {
            this.targetServerType = targetServerType;
        }

        public String targetServerType() {
            return targetServerType;
        }
    }

    /**
     * An open connection and the node that answered it.
     *
     * @param node the node pgjdbc settled on, or null when its host and port match none of the nodes
     */
    public record Session(Connection connection, Node node) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private MultiHost() {
    }

    /**
     * Opens a connection to {@code database} (null: the drill database) on the first of {@code nodes} that fits
     * {@code attrs}, its statements bounded by {@code limit}. Host states are not cached between connections
     * ({@code hostRecheckSeconds=0}): a promotion a moment ago counts.
     */
    public static Session open(List<Node> nodes, SessionAttrs attrs, String database, Duration limit) throws SQLException {
        Session s = connect(nodes, attrs, database, 0);
        return new Session(Sql.bounded(s.connection(), limit), s.node());
    }

    /**
     * As {@link #open}, but sets no statement timeout: a writer that must never cancel a statement (a cancelled wait
     * for synchronous replication commits locally) bounds its reads with {@link Connection#setNetworkTimeout}.
     * {@code hostSeconds} (0: none) bounds each host's start-up exchange, so that a frozen host is given up and the
     * next one tried, as libpq's {@code connect_timeout} does.
     */
    public static Session connect(List<Node> nodes, SessionAttrs attrs, String database, int hostSeconds)
            throws SQLException {
        ConnectionInfo first = nodes.get(0).connectionInfo();
        if (first.socket() != null || nodes.stream().anyMatch(n -> n.connectionInfo().socket() != null)) {
            if (nodes.size() > 1) {
                throw new SQLException("a connection to several nodes cannot reach "
                        + nodes.stream().filter(n -> n.connectionInfo().socket() != null).map(Node::name)
                        .collect(Collectors.joining(", "))
                        + ": a sandbox restored from a source is reached only through its own unix socket; name one node",
                        "08001");
            }
            UnixSocketFactory.checkSafe(first.socket());
        }
        String hosts = nodes.stream().map(n -> n.connectionInfo().host() + ":" + n.connectionInfo().port())
                .collect(Collectors.joining(","));
        String db = database != null ? database : first.database();
        Properties props = new Properties();
        props.setProperty("user", first.user());
        props.setProperty("password", first.password() == null ? "" : first.password());
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", String.valueOf(5 * nodes.size()));
        props.setProperty("socketTimeout", String.valueOf(hostSeconds));
        props.setProperty("ApplicationName", "pgdrill");
        props.setProperty("targetServerType", attrs.targetServerType());
        props.setProperty("hostRecheckSeconds", "0");
        props.setProperty("loadBalanceHosts", "false");
        first.addSocket(props);
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:postgresql://" + hosts + "/"
                    + URLEncoder.encode(db, StandardCharsets.UTF_8), props);
        } catch (SQLException e) {
            throw first.socket() != null ? UnixSocketFactory.reworded(e) : e;
        }
        try {
            return new Session(c, answered(c, nodes));
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static Node answered(Connection c, List<Node> nodes) throws SQLException {
        HostSpec host = c.unwrap(BaseConnection.class).getQueryExecutor().getHostSpec();
        return nodes.stream().filter(n -> n.connectionInfo().port() == host.getPort()
                && n.connectionInfo().host().equals(host.getHost())).findFirst().orElse(null);
    }
}
