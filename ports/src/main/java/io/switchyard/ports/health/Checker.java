package io.switchyard.ports.health;

import io.switchyard.domain.balance.MemberState;
import io.switchyard.domain.config.GoDuration;
import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.runtime.ServedLoadBalancer;
import io.switchyard.ports.runtime.ServerStates;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The active health checker of one servers load balancer (spec: healthcheck.md §3.3): two loops,
 * one over the servers currently UP with period {@code interval}, one over those DOWN with period
 * {@code unhealthyInterval}; the first probe one period after start; each round probes its
 * snapshot one server after another; ticks due while a round runs are coalesced into one
 * immediate round.
 *
 * <p>After each probe the server's {@link MemberState} is set (every time, as Traefik reports to
 * its balancer) and the server moves to the loop matching its status. Changes are logged once.
 */
final class Checker {
    private static final System.Logger LOG = System.getLogger(HealthChecks.class.getName());

    private final String service;
    private final HealthCheckConfig check;
    private final String transportName;
    private final ServersTransportConfig transport;
    private final HealthProbe probe;
    private final ServerStates states;
    private final CheckTimer timer;
    private final ReentrantLock lock = new ReentrantLock();
    /** Every checked server, by URL; guarded by {@link #lock}. */
    private final Map<String, ServerAddress> servers = new LinkedHashMap<>();
    /** The servers on the unhealthy loop; the others are on the healthy loop. Guarded. */
    private final Set<String> unhealthy = new HashSet<>();
    /** When each server's last probe started (timer nanos). Guarded. */
    private final Map<String, Long> probedAt = new HashMap<>();
    private final Loop healthyLoop;
    private final Loop unhealthyLoop;
    private boolean stopped;

    Checker(ServedLoadBalancer lb, HealthProbe probe, ServerStates states, CheckTimer timer) {
        this.service = lb.service();
        this.check = lb.config().healthCheck().orElseThrow();
        this.transportName = lb.transportName();
        this.transport = lb.transport();
        this.probe = probe;
        this.states = states;
        this.timer = timer;
        warnDefaulted("interval", check.interval());
        warnDefaulted("unhealthyInterval", check.unhealthyInterval());
        warnDefaulted("timeout", check.timeout());
        this.healthyLoop = new Loop(true, check.effectiveInterval());
        this.unhealthyLoop = new Loop(false, check.effectiveUnhealthyInterval());
        servers(lb.servers());
    }

    private void warnDefaulted(String field, Optional<Duration> value) {
        if (value.isPresent() && !value.get().isPositive()) {
            LOG.log(Level.ERROR, "health check of service {0}: {1} {2} is smaller than zero, default value "
                    + "will be used instead.", service, field, GoDuration.format(value.get()));
        }
    }

    /** Whether this checker already runs what {@code lb} asks for (same check and transport). */
    boolean sameSettings(ServedLoadBalancer lb) {
        return lb.config().healthCheck().filter(check::equals).isPresent()
                && transportName.equals(lb.transportName()) && transport.equals(lb.transport());
    }

    /**
     * Takes the servers of a new configuration: servers that stay keep their loop, removed ones are
     * no longer probed, new ones join the loop matching their current status (UP for a new server).
     */
    void servers(Map<String, ServerAddress> next) {
        lock.lock();
        try {
            servers.keySet().retainAll(next.keySet());
            unhealthy.retainAll(next.keySet());
            probedAt.keySet().retainAll(next.keySet());
            next.forEach((url, address) -> {
                if (servers.putIfAbsent(url, address) == null
                        && !states.find(service, url).map(MemberState::up).orElse(true)) {
                    unhealthy.add(url);
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /** Starts both loops: their first round is one period from now. */
    void start() {
        lock.lock();
        try {
            long now = timer.nanoTime();
            healthyLoop.start(now);
            unhealthyLoop.start(now);
        } finally {
            lock.unlock();
        }
    }

    /** Stops both loops; a probe in flight finishes but its result is dropped. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            healthyLoop.cancel();
            unhealthyLoop.cancel();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The check was removed while the service stays: servers it holds DOWN would stay DOWN for
     * good, so they come back UP (as Traefik's rebuild would bring them).
     */
    void release() {
        lock.lock();
        try {
            for (String url : servers.keySet()) {
                states.find(service, url).ifPresent(state -> {
                    if (!state.up(true)) {
                        LOG.log(Level.INFO, "health check: server {0} of service {1}: DOWN -> UP (health check "
                                + "removed)", url, service);
                    }
                });
            }
        } finally {
            lock.unlock();
        }
    }

    /** Which servers are on the unhealthy loop (for tests). */
    Set<String> unhealthyServers() {
        lock.lock();
        try {
            return Set.copyOf(unhealthy);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The servers of one loop as of {@code tick}. A server already probed since that tick is left
     * out: when both loops tick at the same instant, the server the first round just moved is not
     * probed twice (in Traefik both rounds take their snapshot at the tick, before any probe).
     */
    private List<Map.Entry<String, ServerAddress>> snapshot(boolean healthyLoop, long tick) {
        lock.lock();
        try {
            List<Map.Entry<String, ServerAddress>> out = new ArrayList<>();
            for (Map.Entry<String, ServerAddress> e : servers.entrySet()) {
                Long last = probedAt.get(e.getKey());
                if (unhealthy.contains(e.getKey()) != healthyLoop && (last == null || last - tick < 0)) {
                    out.add(Map.entry(e.getKey(), e.getValue()));
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code url} is still to be probed; if so, notes that its probe starts now. */
    private boolean starting(String url) {
        lock.lock();
        try {
            if (stopped || !servers.containsKey(url)) {
                return false;
            }
            probedAt.put(url, timer.nanoTime());
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void probe(String url, ServerAddress address) {
        ProbeResult result;
        try {
            result = probe.probe(address, check, transportName, transport);
        } catch (RuntimeException e) {
            result = ProbeResult.unhealthy("probe failed: " + e);
        }
        lock.lock();
        try {
            if (stopped || !servers.containsKey(url)) {
                return;
            }
            if (result.healthy()) {
                unhealthy.remove(url);
            } else {
                unhealthy.add(url);
            }
            Optional<MemberState> state = states.find(service, url);
            if (state.isEmpty()) {
                return;
            }
            boolean was = state.get().up(result.healthy());
            if (was != result.healthy()) {
                LOG.log(result.healthy() ? Level.INFO : Level.WARNING, "health check: server {0} of service {1}: "
                        + "{2} -> {3} ({4})", url, service, was ? "UP" : "DOWN", result.healthy() ? "UP" : "DOWN",
                        result.reason());
            } else if (!result.healthy() && LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "health check: server {0} of service {1} still DOWN ({2})", url, service,
                        result.reason());
            }
        } finally {
            lock.unlock();
        }
    }

    /** One periodic loop; its fields are guarded by the checker's lock. */
    private final class Loop {
        private final boolean healthy;
        private final long period;
        /** The tick the next or running round serves, on the grid start + k * period. */
        private long tick;
        private CheckTimer.Scheduled next;

        Loop(boolean healthy, Duration period) {
            this.healthy = healthy;
            this.period = period.toNanos();
        }

        void start(long now) {
            tick = now + period;
            schedule(period);
        }

        void cancel() {
            if (next != null) {
                next.cancel();
                next = null;
            }
        }

        private void schedule(long delayNanos) {
            try {
                next = timer.schedule(Duration.ofNanos(delayNanos), this::round);
            } catch (RejectedExecutionException closed) {
                next = null; // the timer was closed: so are we
            }
        }

        private void round() {
            long served;
            lock.lock();
            try {
                if (stopped) {
                    return;
                }
                next = null;
                served = tick;
            } finally {
                lock.unlock();
            }
            try {
                for (Map.Entry<String, ServerAddress> e : snapshot(healthy, served)) {
                    if (starting(e.getKey())) {
                        probe(e.getKey(), e.getValue());
                    }
                }
            } finally {
                lock.lock();
                try {
                    if (!stopped) {
                        long now = timer.nanoTime();
                        long due = tick + period;
                        if (due - now <= 0) {
                            // a tick came while the round ran: one immediate round for all of them
                            tick += (now - tick) / period * period;
                            schedule(0);
                        } else {
                            tick = due;
                            schedule(due - now);
                        }
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
