package dev.pgdrill.environment.compose;

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
 * Free ports on 127.0.0.1 for publishing the nodes' SQL ports, chosen outside the kernel's
 * ephemeral range (so no client socket takes one before the engine binds it) and reserved in
 * this JVM until released.
 */
final class HostPorts {
    private static final Set<Integer> RESERVED = new HashSet<>();

    private HostPorts() {
    }

    static synchronized int reserve() {
        int[] range = range();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = random.nextInt(range[0], range[1] + 1);
            if (!RESERVED.contains(port) && bindable(port)) {
                RESERVED.add(port);
                return port;
            }
        }
        throw new EnvironmentException("no free TCP port on 127.0.0.1 in " + range[0] + "-" + range[1]);
    }

    static synchronized void release(int port) {
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

    private static int[] range() {
        int low = 32768;
        int high = 60999;
        try {
            String[] parts = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            low = Integer.parseInt(parts[0]);
            high = Integer.parseInt(parts[1]);
        } catch (IOException | RuntimeException e) {
            // keep the Linux defaults
        }
        if (low > 12000) {
            return new int[]{10000, low - 1};
        }
        return high < 64000 ? new int[]{high + 1, 65535} : new int[]{low, high};
    }
}
