package dev.pgdrill.engine.env;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * How to reach a node's SQL port from the runner. The password is never printed: {@link #toString()}
 * masks it.
 *
 * @param socket the server's unix socket file when the node listens on no TCP address (a sandbox restored from a
 *               source), null otherwise: connections then go through it ({@code dev.pgdrill.engine.postgres
 *               .UnixSocketFactory}), and {@code host} and {@code port} only name the node to pgjdbc
 */
public record ConnectionInfo(String host, int port, String database, String user, String password, String socket) {
    /** The pgjdbc socket factory that connects through {@link #socket}. */
    public static final String SOCKET_FACTORY = "dev.pgdrill.engine.postgres.UnixSocketFactory";

    /** A node reached over TCP. */
    public ConnectionInfo(String host, int port, String database, String user, String password) {
        this(host, port, database, user, password, null);
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    /**
     * The URL of database {@code db}. The name is percent-encoded (pgjdbc decodes it), so a name
     * holding {@code ?} or {@code &} stays one name and never adds connection properties to the URL.
     * With a {@link #socket}, the URL names the socket factory and the socket file (percent-encoded too).
     */
    public String jdbcUrl(String db) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(db, StandardCharsets.UTF_8);
        if (socket == null) {
            return url;
        }
        return url + "?socketFactory=" + URLEncoder.encode(SOCKET_FACTORY, StandardCharsets.UTF_8)
                + "&socketFactoryArg=" + URLEncoder.encode(socket, StandardCharsets.UTF_8);
    }

    /** Adds the socket factory properties to {@code props} when there is a {@link #socket}; returns them. */
    public Properties addSocket(Properties props) {
        if (socket != null) {
            props.setProperty("socketFactory", SOCKET_FACTORY);
            props.setProperty("socketFactoryArg", socket);
        }
        return props;
    }

    @Override
    public String toString() {
        return user + "@" + (socket != null ? socket : host + ":" + port) + "/" + database;
    }
}
