package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.ConnectionInfo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The runner's JDBC connections to a node. */
public final class Jdbc {
    private Jdbc() {
    }

    /** A connection to {@code database} on {@code info}'s host and port as its user: 2 s to connect, 5 s to log in. */
    public static Connection connect(ConnectionInfo info, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", info.user());
        props.setProperty("password", info.password());
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", "5");
        props.setProperty("socketTimeout", "0");
        props.setProperty("ApplicationName", "pgdrill");
        return DriverManager.getConnection(info.jdbcUrl(database), props);
    }
}
