package io.tocsin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free-port lookup and port probes for starting servers. */
public final class Ports {

    private Ports() {
    }

    /**
     * Ports are picked below Linux's ephemeral range (32768-60999 by default), where the source ports of outgoing
     * connections come from. A port the kernel handed out for "any free port" came from that range, and a Kafka or
     * PostgreSQL client connection could take it between the pick and the server's bind: the end-to-end stack then
     * failed with "Address already in use". Never one of the services' 8081-8084.
     */
    private static final int FIRST = 20000;
    private static final int LAST = 32767;
    /** Every port handed out by this JVM: a picked port is not bound yet, so the next pick must not return it. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port that was free a moment ago and that this JVM has not handed out before. */
    public static int free() {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
            } catch (IOException inUse) {
                continue;
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("No free port between " + FIRST + " and " + LAST));
    }

    public static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
