package dev.pgdrill.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Keeps everything a command prints inert on GitHub Actions ({@code GITHUB_ACTIONS=true}).
 * {@link Cli#execute} wraps stdout and stderr of every subcommand in it, so no command can forget.
 * Two layers:
 * <ul>
 * <li>a fence: before the first byte of output, {@code ::stop-commands::TOKEN} (a fresh random
 * token) is printed on stdout, and {@code ::TOKEN::} at the end or before one of the runner's own
 * commands ({@link #command}); the runner ignores workflow commands in between;</li>
 * <li>each line is rewritten as it passes: a {@code ::} that starts a line (after any blanks) and
 * every {@code ##[} (the older command syntax, recognised anywhere in a line) get a zero-width space
 * (U+200B) between their characters. This holds even where stdout and stderr reach the runner in
 * another order than they were written.</li>
 * </ul>
 */
final class WorkflowCommandGuard {
    private static final byte[] BREAK = "\u200B".getBytes(StandardCharsets.UTF_8);
    private final PrintStream rawOut;
    private final Stream out;
    private final Stream err;
    private String token;

    WorkflowCommandGuard(PrintStream rawOut, PrintStream rawErr) {
        this.rawOut = rawOut;
        this.out = new Stream(new InertLines(rawOut));
        this.err = new Stream(new InertLines(rawErr));
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Prints one of the runner's own workflow commands, outside the fence (which reopens with the next output). */
    void command(String line) {
        close();
        synchronized (this) {
            rawOut.println(line);
            rawOut.flush();
        }
    }

    /** Flushes both streams and ends the fence: the job's later steps must not find commands stopped. */
    void close() {
        out.flush();
        err.flush();
        synchronized (this) {
            if (token != null) {
                rawOut.println("::" + token + "::");
                rawOut.flush();
                token = null;
            }
        }
    }

    private synchronized void open() {
        if (token == null) {
            token = "pgdrill-" + UUID.randomUUID();
            rawOut.println("::stop-commands::" + token);
            rawOut.flush();
        }
    }

    /** A stream whose owner is known, so that {@link CiOutput} can find the guard. */
    final class Stream extends PrintStream {
        Stream(OutputStream lines) {
            super(lines, true, StandardCharsets.UTF_8);
        }

        WorkflowCommandGuard guard() {
            return WorkflowCommandGuard.this;
        }
    }

    /** Rewrites the bytes of one stream as they pass (see the class comment); UTF-8 in, UTF-8 out. */
    private final class InertLines extends OutputStream {
        private final PrintStream target;
        /** Only blanks so far on this line. */
        private boolean lineStart = true;
        /** A first {@code :} followed the blanks that start this line. */
        private boolean oneColon;
        /** The last two bytes passed were {@code ##}. */
        private int hashes;
        /** An incomplete multi-byte character at the start of a line (it may be a Unicode blank). */
        private final byte[] pending = new byte[4];
        private int pendingLength;

        InertLines(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            open();
            b &= 0xFF;
            if (pendingLength > 0 || lineStart && !oneColon && b >= 0x80) {
                pending[pendingLength++] = (byte) b;
                if (pendingLength == expectedLength(pending[0])) {
                    int cp = new String(pending, 0, pendingLength, StandardCharsets.UTF_8).codePointAt(0);
                    target.write(pending, 0, pendingLength);
                    pendingLength = 0;
                    lineStart = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
                    hashes = 0;
                }
                return;
            }
            if (b == '\n' || b == '\r') {
                lineStart = true;
                oneColon = false;
                hashes = 0;
            } else if (lineStart && b == ':') {
                hashes = 0;
                if (oneColon) {
                    target.write(BREAK, 0, BREAK.length);
                    lineStart = false;
                    oneColon = false;
                } else {
                    oneColon = true;
                }
            } else if (b == '[' && hashes >= 2) {
                target.write(BREAK, 0, BREAK.length);
                hashes = 0;
                lineStart = false;
                oneColon = false;
            } else {
                hashes = b == '#' ? hashes + 1 : 0;
                if (!(b == ' ' || b == '\t' || b == 0x0B || b == 0x0C) || oneColon) {
                    lineStart = false;
                    oneColon = false;
                }
            }
            target.write(b);
        }

        private static int expectedLength(byte first) {
            int b = first & 0xFF;
            return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
