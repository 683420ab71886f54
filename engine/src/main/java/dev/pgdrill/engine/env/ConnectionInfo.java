package dev.pgdrill.engine.env;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How to reach a node's SQL port from the runner. The password is never printed: {@link #toString()}
 * masks it.
 */
public record ConnectionInfo(String host, int port, String database, String user, String password) {
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    /**
     * The URL of database {@code db}. The name is percent-encoded (pgjdbc decodes it), so a name
     * holding {@code ?} or {@code &} stays one name and never adds connection properties to the URL.
     */
    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(db, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
