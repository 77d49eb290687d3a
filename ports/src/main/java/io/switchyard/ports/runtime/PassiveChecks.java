package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.MemberState;
import io.switchyard.domain.balance.PassiveHealth;
import io.switchyard.domain.config.GoDuration;
import io.switchyard.domain.config.PassiveHealthCheckConfig;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Passive health checks of every served load balancer that has one (spec: balancing.md §2.11,
 * healthcheck.md §3.8): each forwarded request is a success or a failure of its server; enough
 * failures within the window eject the server (its {@link MemberState} goes DOWN), and, unless the
 * service also has an active health check, a timer of {@code failureWindow} brings it back.
 *
 * <p>Deliberate deviation (balancing.md §2.1): Traefik loses the failure history with every
 * configuration change; here a server keeps it as long as its service keeps the same passive
 * settings and the same "has an active check" flag, like {@link ServerStates} keeps the health.
 *
 * <p>Thread-safe: the per-request path reads one immutable snapshot.
 */
final class PassiveChecks {
    private static final System.Logger LOG = System.getLogger(PassiveChecks.class.getName());

    /** Runs a task once after a delay. */
    interface Delay {
        void after(Duration delay, Runnable task);
    }

    private final LongSupplier nanos;
    private final Delay delay;
    private volatile Map<String, Map<String, Entry>> services = Map.of();

    /**
     * @param nanos monotonic time in nanoseconds
     * @param delay schedules the reinstatement timers
     */
    PassiveChecks(LongSupplier nanos, Delay delay) {
        this.nanos = nanos;
        this.delay = delay;
    }

    /** Real time; timers on the JDK's shared delayed executor. */
    static PassiveChecks system() {
        return new PassiveChecks(System::nanoTime, (d, task) ->
                CompletableFuture.delayedExecutor(Math.max(0, d.toNanos()), TimeUnit.NANOSECONDS).execute(task));
    }

    private record Entry(PassiveHealthCheckConfig config, boolean active, PassiveHealth health) {
    }

    /** Takes the passive checks of a new configuration; servers with unchanged settings keep their history. */
    synchronized void apply(List<ServedLoadBalancer> loadBalancers) {
        Map<String, Map<String, Entry>> previous = services;
        Map<String, Map<String, Entry>> next = new HashMap<>();
        for (ServedLoadBalancer lb : loadBalancers) {
            Optional<PassiveHealthCheckConfig> config = lb.config().passiveHealthCheck();
            if (config.isEmpty()) {
                continue;
            }
            boolean active = lb.config().healthCheck().isPresent();
            Map<String, Entry> before = previous.getOrDefault(lb.service(), Map.of());
            Map<String, Entry> servers = new HashMap<>();
            for (String server : lb.servers().keySet()) {
                Entry e = before.get(server);
                if (e == null || !e.config().equals(config.get()) || e.active() != active) {
                    e = new Entry(config.get(), active, new PassiveHealth(config.get(), active));
                }
                servers.put(server, e);
            }
            next.put(lb.service(), Map.copyOf(servers));
        }
        services = Map.copyOf(next);
    }

    /**
     * Records the outcome of one request to {@code server}: {@code status} is what the client got
     * for it (the backend's status, or the proxy's 5xx when the backend was not reached); below
     * 500 is a success (spec: balancing.md §2.11).
     */
    void record(String service, String server, MemberState state, int status) {
        Entry e = entry(service, server);
        if (e == null) {
            return;
        }
        if (status < 500) {
            e.health().recordSuccess();
            return;
        }
        if (!e.health().recordFailure(nanos.getAsLong())) {
            return;
        }
        if (state.up(false)) {
            LOG.log(Level.WARNING, "passive health check: server {0} of service {1}: UP -> DOWN ({2} failed "
                            + "request(s) within {3})", server, service,
                    Math.max(1, e.config().maxFailedAttempts()), GoDuration.format(e.config().failureWindow()));
        }
        if (!e.active()) {
            delay.after(e.config().failureWindow(), () -> reinstate(service, server, state, e));
        }
    }

    private void reinstate(String service, String server, MemberState state, Entry e) {
        e.health().reinstate();
        Entry current = entry(service, server);
        if (current != null && current.active()) {
            return; // an active check was added meanwhile: only it brings the server back (§3.8)
        }
        if (!state.up(true)) {
            LOG.log(Level.INFO, "passive health check: server {0} of service {1}: DOWN -> UP (failure window "
                    + "{2} passed)", server, service, GoDuration.format(e.config().failureWindow()));
        }
    }

    private Entry entry(String service, String server) {
        Map<String, Map<String, Entry>> all = services;
        if (all.isEmpty()) {
            return null;
        }
        Map<String, Entry> servers = all.get(service);
        return servers == null ? null : servers.get(server);
    }

    /** Whether {@code server} of {@code service} has a passive check (for tests). */
    boolean checks(String service, String server) {
        return entry(service, server) != null;
    }
}
