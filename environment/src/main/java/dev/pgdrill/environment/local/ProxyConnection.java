package dev.pgdrill.environment.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One client connection through a {@link TcpProxy}: per direction a reader that queues chunks
 * stamped with their due time, and a writer that forwards them in order once due.
 */
final class ProxyConnection {
    private static final byte[] EOF = new byte[0];

    private record Chunk(byte[] bytes, long dueNanos) {
    }

    private final String name;
    private final Socket client;
    private final Socket upstream;
    private final AtomicLong delayNanos;
    private final Consumer<ProxyConnection> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong finishedDirections = new AtomicLong();

    ProxyConnection(String name, Socket client, Socket upstream, AtomicLong delayNanos,
                    Consumer<ProxyConnection> onClose) {
        this.name = name;
        this.client = client;
        this.upstream = upstream;
        this.delayNanos = delayNanos;
        this.onClose = onClose;
    }

    void start() throws IOException {
        direction("up", client.getInputStream(), upstream, upstream.getOutputStream());
        direction("down", upstream.getInputStream(), client, client.getOutputStream());
    }

    private void direction(String label, InputStream in, Socket target, OutputStream out) {
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        thread(label + "-read", () -> {
            byte[] buf = new byte[64 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    queue.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + delayNanos.get()));
                }
            } catch (IOException e) {
                // the socket was closed or reset: end this direction
            }
            queue.add(new Chunk(EOF, System.nanoTime() + delayNanos.get()));
        });
        thread(label + "-write", () -> {
            try {
                while (!closed.get()) {
                    Chunk chunk = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (chunk == null) {
                        continue;
                    }
                    long wait;
                    while ((wait = chunk.dueNanos() - System.nanoTime()) > 0 && !closed.get()) {
                        LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                    }
                    if (chunk.bytes() == EOF) {
                        target.shutdownOutput();
                        if (finishedDirections.incrementAndGet() == 2) {
                            close();
                        }
                        return;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException e) {
                close();
            } catch (InterruptedException e) {
                close();
            }
        });
    }

    private void thread(String label, Runnable body) {
        Thread t = new Thread(body, "pgdrill-proxy-" + name + "-" + label);
        t.setDaemon(true);
        t.start();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(upstream);
            onClose.accept(this);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
