package io.switchyard.server.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady stream of GET requests from virtual-thread clients, half of them on keep-alive
 * connections and half on a new connection per request, until stopped or {@code maxRequests}
 * were sent. Counts what was sent, what failed (an I/O error or any status but 200) and which
 * backend answered (the body).
 */
final class Load implements AutoCloseable {
    /** Where requests go. */
    record Target(String host, String path) {
    }

    /** One failed request. */
    record Failure(long nanoTime, String target, String what) {
    }

    private final int port;
    private final List<Target> targets;
    private final long maxRequests;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> answeredBy = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    private Load(int port, List<Target> targets, long maxRequests) {
        this.port = port;
        this.targets = List.copyOf(targets);
        this.maxRequests = maxRequests;
    }

    /** Starts {@code clients} clients (even ones keep their connection, odd ones do not). */
    static Load start(int port, int clients, List<Target> targets, long maxRequests) {
        Load load = new Load(port, targets, maxRequests);
        for (int i = 0; i < clients; i++) {
            boolean keepAlive = i % 2 == 0;
            int first = i;
            load.threads.add(Thread.ofVirtual().name("load-" + i).start(() -> load.run(keepAlive, first)));
        }
        return load;
    }

    private void run(boolean keepAlive, int first) {
        try (TinyClient client = new TinyClient(port, keepAlive)) {
            for (int i = first; !stop.get() && sent.incrementAndGet() <= maxRequests; i++) {
                Target t = targets.get(i % targets.size());
                try {
                    TinyClient.Response r = client.get(t.host(), t.path());
                    if (r.status() != 200) {
                        failures.add(new Failure(System.nanoTime(), t.host() + t.path(), r.status() + " " + r.body().strip()));
                    } else {
                        answeredBy.computeIfAbsent(r.body().strip(), k -> new AtomicLong()).incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.add(new Failure(System.nanoTime(), t.host() + t.path(), e.toString()));
                }
            }
        }
    }

    /** Requests sent (or being sent). */
    long sent() {
        return Math.min(sent.get(), maxRequests);
    }

    List<Failure> failures() {
        return failures;
    }

    /** Successful answers per backend name. */
    Map<String, Long> answeredBy() {
        Map<String, Long> out = new java.util.TreeMap<>();
        answeredBy.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    long answered(String backend) {
        AtomicLong n = answeredBy.get(backend);
        return n == null ? 0 : n.get();
    }

    /** Stops sending and waits for the requests under way. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
    }
}
