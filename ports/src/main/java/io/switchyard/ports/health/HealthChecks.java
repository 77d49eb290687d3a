package io.switchyard.ports.health;

import io.switchyard.domain.config.GoDuration;
import io.switchyard.ports.runtime.ServedLoadBalancer;
import io.switchyard.ports.runtime.ServerStates;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs the active health checks of the served configuration (spec: healthcheck.md §3): one checker
 * per servers load balancer that has a {@code healthCheck}, probing through a {@link HealthProbe}
 * and setting each server's status in {@link ServerStates}, which the balancers read.
 *
 * <p>Driven by configuration: call {@link #apply(List)} after each swap with the served load
 * balancers. A checker whose service keeps the same check and transport keeps running (its
 * schedule and which servers it holds DOWN); servers that stay keep their status, removed ones are
 * no longer probed, new ones start UP and are first probed at the next tick of the healthy loop.
 * A changed check starts a new checker (servers keep their current status). A check that is
 * removed from a service that stays brings the servers it held DOWN back UP.
 *
 * <p>Deliberate deviation (healthcheck.md §3.1, balancing.md §2.1): Traefik stops every checker
 * on any configuration change and starts again with all servers UP; here status and schedule
 * survive unrelated changes, so a reload neither resurrects a dead server nor delays its checks.
 *
 * <p>Thread-safe. No thread per server: all checkers share one {@link CheckTimer}.
 */
public final class HealthChecks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HealthChecks.class.getName());

    private final HealthProbe probe;
    private final ServerStates states;
    private final CheckTimer timer;
    private final Map<String, Checker> checkers = new HashMap<>();
    private boolean closed;

    /**
     * Health checks that probe with {@code probe}, report to {@code states} and schedule on
     * {@code timer} (closed with this object).
     */
    public HealthChecks(HealthProbe probe, ServerStates states, CheckTimer timer) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.states = Objects.requireNonNull(states, "states");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /**
     * Makes the running checkers match {@code served}: the load balancers of the configuration just
     * applied (see {@link io.switchyard.ports.runtime.RoutingRuntime#loadBalancers()}).
     */
    public synchronized void apply(List<ServedLoadBalancer> served) {
        if (closed) {
            return;
        }
        Map<String, ServedLoadBalancer> wanted = new LinkedHashMap<>();
        for (ServedLoadBalancer lb : served) {
            if (lb.config().healthCheck().isPresent()) {
                wanted.put(lb.service(), lb);
            }
        }
        for (Iterator<Map.Entry<String, Checker>> it = checkers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Checker> e = it.next();
            if (!wanted.containsKey(e.getKey())) {
                e.getValue().stop();
                e.getValue().release();
                it.remove();
                LOG.log(Level.INFO, "health check of service {0} stopped", e.getKey());
            }
        }
        for (ServedLoadBalancer lb : wanted.values()) {
            Checker running = checkers.get(lb.service());
            if (running != null && running.sameSettings(lb)) {
                running.servers(lb.servers());
                continue;
            }
            if (running != null) {
                running.stop();
            }
            Checker checker = new Checker(lb, probe, states, timer);
            checkers.put(lb.service(), checker);
            checker.start();
            LOG.log(Level.INFO, "health check of service {0} {1}: {2} server(s), interval {3}", lb.service(),
                    running == null ? "started" : "restarted with new settings", lb.servers().size(),
                    GoDuration.format(lb.config().healthCheck().orElseThrow().effectiveInterval()));
        }
    }

    /** The services currently checked. */
    public synchronized Set<String> checkedServices() {
        return Set.copyOf(checkers.keySet());
    }

    /** The checker of a service (for tests). */
    synchronized Checker checker(String service) {
        return checkers.get(service);
    }

    /** Stops every checker and closes the timer. Probes in flight finish; their results are dropped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        checkers.values().forEach(Checker::stop);
        checkers.clear();
        timer.close();
    }
}
