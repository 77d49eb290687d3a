package io.switchyard.server.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many idle connections to a port and holds them: in the test JVM when it has file
 * descriptors to spare for both ends, else as a process of its own ({@link #main}: prints
 * {@code ready N}, holds the connections until its standard input closes).
 */
final class IdleClients implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();

    /** Opens {@code count} connections from 127.0.0.1–127.0.0.8 (spreading the ephemeral ports). */
    static IdleClients open(int port, int count) throws IOException {
        IdleClients clients = new IdleClients();
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0." + (1 + i % 8)), 0));
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
                clients.sockets.add(s);
            }
        } catch (IOException e) {
            clients.close();
            throw e;
        }
        return clients;
    }

    List<Socket> sockets() {
        return sockets;
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    public static void main(String[] args) throws IOException {
        try (IdleClients clients = open(Integer.parseInt(args[0]), Integer.parseInt(args[1]))) {
            System.out.println("ready " + clients.sockets.size());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our standard input
            }
        }
    }
}
