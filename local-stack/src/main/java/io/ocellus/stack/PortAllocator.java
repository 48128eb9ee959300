package io.ocellus.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Chooses the 127.0.0.1 ports of one {@code up}: a component's default port when it is free, any free port
 * otherwise; a port the user asked for explicitly must be free. Never hands out the same port twice.
 */
public final class PortAllocator {

    /** What a component asks for. {@code port == 0} means any free port. */
    public record Request(int port, boolean explicit) {

        public static Request preferred(int port) {
            return new Request(port, false);
        }

        public static Request exactly(int port) {
            return new Request(port, true);
        }

        public static Request any() {
            return new Request(0, false);
        }

        /** An option value: absent means the default port; 0 means any free port; anything else must be free. */
        public static Request fromOption(Integer option, int defaultPort) {
            if (option == null) {
                return preferred(defaultPort);
            }
            return option == 0 ? any() : exactly(option);
        }
    }

    /** A choice, and whether it had to fall back from the preferred port. */
    public record Allocation(int port, int preferred) {

        public boolean fellBack() {
            return preferred > 0 && port != preferred;
        }
    }

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Set<Integer> handedOut = new HashSet<>();

    public Allocation allocate(String component, Request request) {
        if (request.port() < 0 || request.port() > 65535) {
            throw new StackException(component, "port " + request.port() + " is not a TCP port");
        }
        if (request.port() > 0) {
            if (!handedOut.contains(request.port()) && isFree(request.port())) {
                handedOut.add(request.port());
                return new Allocation(request.port(), request.port());
            }
            if (request.explicit()) {
                throw new StackException(component, "port " + request.port() + " is already in use on 127.0.0.1");
            }
        }
        return new Allocation(anyFreePort(), request.port());
    }

    /** Marks a port as used by this stack (a component that is already running keeps its port). */
    public void reserve(int port) {
        handedOut.add(port);
    }

    private int anyFreePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
                int port = socket.getLocalPort();
                if (handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new StackException("ports", "cannot bind any port on 127.0.0.1: " + e.getMessage());
            }
        }
        throw new StackException("ports", "no free port found on 127.0.0.1");
    }

    /** True when nothing listens on (or holds) the port on 127.0.0.1. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a port in TIME_WAIT is free for a server that sets SO_REUSEADDR, as ours do
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
