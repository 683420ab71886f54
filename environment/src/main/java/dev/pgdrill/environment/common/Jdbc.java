package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.ConnectionInfo;
import dev.pgdrill.engine.postgres.UnixSocketFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The runner's JDBC connections to a node. */
public final class Jdbc {
    private Jdbc() {
    }

    /**
     * A connection to {@code database} on {@code info}'s host and port as its user: 2 s to connect, 5 s to log in.
     * Nothing comes from the caller's environment: pgjdbc (42.7) reads no {@code PGHOST}, {@code PGUSER},
     * {@code PGPASSWORD} or {@code PGOPTIONS}; it reads a password file ({@code PGPASSFILE}, {@code ~/.pgpass})
     * only when no password is given, and a service file only for a {@code service} property; so host, port,
     * database, user and password are always given explicitly, and no service. A node with a unix socket (a
     * sandbox) is reached only through it, after checking it is one the runner may trust.
     */
    public static Connection connect(ConnectionInfo info, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", info.user());
        props.setProperty("password", info.password() == null ? "" : info.password());
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", "5");
        props.setProperty("socketTimeout", "0");
        props.setProperty("ApplicationName", "pgdrill");
        if (info.socket() == null) {
            return DriverManager.getConnection(info.jdbcUrl(database), props);
        }
        UnixSocketFactory.checkSafe(info.socket());
        try {
            return DriverManager.getConnection(info.jdbcUrl(database), info.addSocket(props));
        } catch (SQLException e) {
            throw UnixSocketFactory.reworded(e);
        }
    }
}
