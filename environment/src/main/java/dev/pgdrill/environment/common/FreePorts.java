package dev.pgdrill.environment.common;

import dev.pgdrill.engine.env.EnvironmentException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out ports on 127.0.0.1 for the nodes' SQL ports (a local server's own port, a container's
 * published port). They come from below the kernel's ephemeral range, so a port handed out here is
 * never given to some other socket bound to port 0 (a proxy, a client) between the check and the
 * server's bind; within this JVM a port stays reserved until released, so two environments in one
 * process, of either backend, never pick the same one.
 */
public final class FreePorts {
    private static final Set<Integer> RESERVED = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int reserve() {
        int[] range = candidateRange();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = random.nextInt(range[0], range[1] + 1);
            if (!RESERVED.contains(port) && bindable(port)) {
                RESERVED.add(port);
                return port;
            }
        }
        throw new EnvironmentException("no free TCP port found on 127.0.0.1 in "
                + range[0] + "-" + range[1] + " after 500 attempts");
    }

    public static synchronized void release(int port) {
        RESERVED.remove(port);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ports below the ephemeral range when it leaves room (Linux default 32768-60999), else above it. */
    static int[] candidateRange() {
        int low = 32768;
        int high = 60999;
        try {
            // readAllLines, not readString: sysctl files report a size that readString trusts
            String[] parts = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
                    .split("\\s+");
            low = Integer.parseInt(parts[0]);
            high = Integer.parseInt(parts[1]);
        } catch (IOException | RuntimeException e) {
            // keep the Linux defaults
        }
        if (low > 12000) {
            return new int[]{10000, low - 1};
        }
        if (high < 64000) {
            return new int[]{high + 1, 65535};
        }
        return new int[]{low, high};
    }
}
