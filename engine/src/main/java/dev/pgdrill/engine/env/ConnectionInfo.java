package dev.pgdrill.engine.env;

/**
 * How to reach a node's SQL port from the runner. The password is never printed: {@link #toString()}
 * masks it.
 */
public record ConnectionInfo(String host, int port, String database, String user, String password) {
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
