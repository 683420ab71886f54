package dev.pgdrill.engine.postgres;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * pgjdbc's {@code socketFactory} for a server reached only through its unix socket: every socket it makes
 * connects to the socket file given as {@code socketFactoryArg}, whatever host and port the URL names (pgjdbc
 * needs one; it is ignored). Before each connect the file is checked ({@link UnixSocket#checkSafe}): a socket,
 * not a link, in a directory that is no link and that only root or the socket's owner can write.
 */
public final class UnixSocketFactory extends SocketFactory {
    private final Path socket;

    /** @param socketFile the server's socket file, e.g. {@code /work/run/sock/.s.PGSQL.5433} (pgjdbc's constructor) */
    public UnixSocketFactory(String socketFile) {
        if (socketFile == null || socketFile.isBlank()) {
            throw new IllegalArgumentException("UnixSocketFactory needs the socket file's path (socketFactoryArg)");
        }
        this.socket = Path.of(socketFile);
    }

    @Override
    public Socket createSocket() {
        return new UnixSocket(socket);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected();
    }

    private Socket connected() throws IOException {
        UnixSocket s = new UnixSocket(socket);
        try {
            s.connect(null, 0);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Checks the socket file as every connect does (see {@link UnixSocket#checkSafe}), for a caller that wants the
     * refusal as its own error rather than as the cause of pgjdbc's "connection attempt failed".
     *
     * @throws SQLException naming the file and what is wrong with it
     */
    public static void checkSafe(String socketFile) throws SQLException {
        try {
            UnixSocket.checkSafe(Path.of(socketFile));
        } catch (IOException e) {
            throw new SQLException(e.getMessage(), "08001", e);
        }
    }

    /**
     * pgjdbc words a refused connection as a TCP one ("Connection to 127.0.0.1:5433 refused ... accepting TCP/IP
     * connections"): for a connection through a unix socket, the same error with this socket's own reason.
     */
    public static SQLException reworded(SQLException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IOException && c.getMessage() != null && c.getMessage().contains(" unix socket ")) {
                return new SQLException(c.getMessage(), e.getSQLState(), e);
            }
        }
        return e;
    }

    @Override
    public String toString() {
        return "unix socket " + socket;
    }
}
