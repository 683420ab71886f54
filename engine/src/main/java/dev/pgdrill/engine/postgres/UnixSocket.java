package dev.pgdrill.engine.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Socket} that pgjdbc can use, backed by a non-blocking UNIX-domain {@link SocketChannel}: reads (and
 * writes) wait in a {@link Selector} for at most {@link #setSoTimeout} milliseconds (0: no limit, as a TCP socket)
 * and then throw {@link SocketTimeoutException}, which pgjdbc relies on for its {@code socketTimeout} and its
 * {@code hasMessagePending} probe. The address pgjdbc passes to {@link #connect} is ignored. TCP options
 * ({@code setTcpNoDelay}, {@code setKeepAlive}, buffer sizes) do nothing. A thread interrupted while it waits
 * gets an {@link InterruptedIOException} (its interrupt status kept), so it never spins.
 */
final class UnixSocket extends Socket {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFDIR = 0040000;

    private final Path path;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile SocketChannel channel;
    private volatile Selector readable;
    private volatile Selector writable;
    private volatile int soTimeout;
    private volatile boolean closed;
    private final InputStream in = new In();
    private final OutputStream out = new Out();

    UnixSocket(Path path) {
        this.path = path;
    }

    /**
     * Refuses a socket file that someone other than root or the server could have put there: {@code socket} must
     * be a socket, not a symbolic link (checked without following links), in a directory that is no symbolic link,
     * owned by root or by the socket's owner (the server user, whose postmaster made the socket) and writable by
     * its owner only.
     *
     * <p>Remaining race: the check and the {@code connect} both go by path. Between them only the directory's
     * owner (the server user, who runs the server anyway) or root can replace the file; the directories above it
     * are the run's work directory (mode 0700, the server user's) and the work root the runner was given.
     *
     * @throws IOException naming the path and what is wrong with it
     */
    static void checkSafe(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        Map<String, Object> d = attributes(dir);
        int dirMode = (Integer) d.get("mode");
        int dirUid = (Integer) d.get("uid");
        if ((dirMode & S_IFMT) != S_IFDIR) {
            throw new UnsafeSocketException("refusing to connect through " + socket + ": its directory " + dir
                    + " is not a directory" + (Files.isSymbolicLink(dir) ? " but a symbolic link" : ""));
        }
        Map<String, Object> s = attributes(socket);
        int mode = (Integer) s.get("mode");
        int uid = (Integer) s.get("uid");
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new UnsafeSocketException("refusing to connect through " + socket + ": it is not a socket"
                    + (Files.isSymbolicLink(socket) ? " but a symbolic link" : ""));
        }
        if (dirUid != 0 && dirUid != uid) {
            throw new UnsafeSocketException("refusing to connect through " + socket + ": its directory " + dir
                    + " is owned by uid " + dirUid + ", neither root nor the socket's owner (uid " + uid + ")");
        }
        if ((dirMode & 0022) != 0) {
            throw new UnsafeSocketException("refusing to connect through " + socket + ": its directory " + dir
                    + " is writable by others than its owner (mode " + Integer.toOctalString(dirMode & 07777) + ")");
        }
    }

    private static SocketException closed() {
        return new SocketException("Socket is closed");
    }

    private static Map<String, Object> attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new ConnectException("could not connect through unix socket " + p + ": no such file (is the server"
                    + " running?)");
        } catch (IOException e) {
            throw new ConnectException("could not connect through unix socket " + p + ": " + e);
        }
    }

    @Override
    public void connect(SocketAddress ignored) throws IOException {
        connect(ignored, 0);
    }

    @Override
    public synchronized void connect(SocketAddress ignored, int timeoutMillis) throws IOException {
        if (closed) {
            throw closed();
        }
        if (channel != null) {
            throw new SocketException("already connected to " + path);
        }
        checkSafe(path);
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.configureBlocking(false);
            if (!connectNow(ch)) {
                try (Selector s = Selector.open()) {
                    ch.register(s, SelectionKey.OP_CONNECT);
                    long deadline = deadline(timeoutMillis);
                    while (!ch.finishConnect()) {
                        await(s, deadline, "connect");
                    }
                }
            }
            readable = Selector.open();
            writable = Selector.open();
            ch.register(readable, SelectionKey.OP_READ);
            ch.register(writable, SelectionKey.OP_WRITE);
            channel = ch;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            closeQuietly(readable);
            closeQuietly(writable);
            throw e;
        }
    }

    private boolean connectNow(SocketChannel ch) throws IOException {
        try {
            return ch.connect(UnixDomainSocketAddress.of(path));
        } catch (SocketException e) {
            ConnectException c = new ConnectException("could not connect through unix socket " + path + ": "
                    + e.getMessage());
            c.initCause(e);
            throw c;
        }
    }

    private static long deadline(int timeoutMillis) {
        return timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
    }

    /** Waits in {@code selector} until its channel is ready, the deadline (0: none) passes, or the socket closes. */
    private void await(Selector selector, long deadline, String what) throws IOException {
        long waitMillis = 0;
        if (deadline != 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException(what + " timed out on unix socket " + path);
            }
            waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
        }
        int ready = waitMillis == 0 ? selector.select() : selector.select(waitMillis);
        selector.selectedKeys().clear();
        if (closed) {
            throw closed();
        }
        if (ready == 0 && Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException(what + " on unix socket " + path + " interrupted");
        }
    }

    private SocketChannel open() throws SocketException {
        if (closed) {
            throw closed();
        }
        SocketChannel ch = channel;
        if (ch == null) {
            throw new SocketException("Socket is not connected");
        }
        return ch;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        open();
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        open();
        return out;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        soTimeout = timeout;
    }

    @Override
    public int getSoTimeout() {
        return soTimeout;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // no TCP here
    }

    @Override
    public boolean getTcpNoDelay() {
        return true;
    }

    @Override
    public void setKeepAlive(boolean on) {
        // no TCP here
    }

    @Override
    public boolean getKeepAlive() {
        return false;
    }

    @Override
    public void setReceiveBufferSize(int size) {
        // the kernel's default
    }

    @Override
    public void setSendBufferSize(int size) {
        // the kernel's default
    }

    @Override
    public void setSoLinger(boolean on, int linger) {
        // nothing to linger over
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        throw new SocketException("a unix socket to " + path + " binds no local address");
    }

    @Override
    public boolean isConnected() {
        return channel != null;
    }

    @Override
    public boolean isBound() {
        return channel != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return channel == null ? null : UnixDomainSocketAddress.of(path);
    }

    @Override
    public void shutdownInput() throws IOException {
        open().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        open().shutdownOutput();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        for (Selector s : new Selector[] {readable, writable}) {
            if (s != null) {
                s.wakeup();
            }
        }
        closeQuietly(channel);
        closeQuietly(readable);
        closeQuietly(writable);
        super.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public String toString() {
        return "UnixSocket[" + path + (closed ? ", closed" : channel != null ? ", connected" : "") + "]";
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            synchronized (readLock) {
                long deadline = deadline(soTimeout);
                while (true) {
                    int n = io(() -> open().read(buf));
                    if (n != 0) {
                        return n;
                    }
                    await(readable, deadline, "read");
                }
            }
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public void close() throws IOException {
            UnixSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /** Bounded by the socket's timeout too (a frozen server stops reading): every wait has a deadline. */
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            synchronized (writeLock) {
                long deadline = deadline(soTimeout);
                while (buf.hasRemaining()) {
                    if (io(() -> open().write(buf)) == 0) {
                        await(writable, deadline, "write");
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            UnixSocket.this.close();
        }
    }

    private interface Io {
        int run() throws IOException;
    }

    /** A channel closed under a reader or writer is pgjdbc's "Socket is closed", not a ClosedChannelException. */
    private int io(Io op) throws IOException {
        try {
            return op.run();
        } catch (ClosedChannelException e) {
            SocketException s = closed();
            s.initCause(e);
            throw s;
        }
    }

    /** The socket file is not one the runner may trust. */
    static final class UnsafeSocketException extends ConnectException {
        UnsafeSocketException(String message) {
            super(message);
        }
    }
}
