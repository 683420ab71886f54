package dev.pgdrill.environment.local;

import dev.pgdrill.engine.env.EnvironmentException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on 127.0.0.1 that carries one replication link (a standby's connection to its
 * upstream), so faults on the link are real:
 * <ul>
 *   <li>{@link #cut(boolean) cut}: closes every open connection (the walreceiver sees the link
 *       go down) and black-holes new ones: they are accepted but nothing is forwarded until the
 *       link is healed, when they are closed so that the client reconnects at once;</li>
 *   <li>{@link #delay(Duration) delay}: every chunk of bytes is forwarded {@code delay} after it
 *       arrived, in both directions, keeping order.</li>
 * </ul>
 */
final class TcpProxy implements AutoCloseable {
    private final String name;
    private final ServerSocket listener;
    private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> held = ConcurrentHashMap.newKeySet();
    private final AtomicLong delayNanos = new AtomicLong();
    private final int targetPort;
    private volatile boolean cut;
    private volatile boolean closed;

    TcpProxy(String name, int targetPort) {
        this.name = name;
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new EnvironmentException("could not open the proxy for link " + name
                    + ": " + e.getMessage(), e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "pgdrill-proxy-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts (true) or restores (false) the link. */
    synchronized void cut(boolean value) {
        cut = value;
        if (value) {
            List.copyOf(open).forEach(ProxyConnection::close);
        } else {
            List.copyOf(held).forEach(ProxyConnection::closeQuietly);
            held.clear();
        }
    }

    void delay(Duration delay) {
        delayNanos.set(Math.max(0, delay.toNanos()));
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            synchronized (this) {
                if (cut || closed) {
                    held.add(client);
                    continue;
                }
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                ProxyConnection connection = new ProxyConnection(name, client, upstream, delayNanos, open::remove);
                open.add(connection);
                connection.start();
                if (cut) {
                    connection.close();
                }
            } catch (IOException e) {
                ProxyConnection.closeQuietly(client);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        ProxyConnection.closeQuietly(listener);
        List.copyOf(open).forEach(ProxyConnection::close);
        List.copyOf(held).forEach(ProxyConnection::closeQuietly);
        held.clear();
    }

}
