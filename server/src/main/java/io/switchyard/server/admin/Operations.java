package io.switchyard.server.admin;

import io.switchyard.domain.translate.Diagnostic;
import io.switchyard.ports.runtime.CompletedExchange;
import io.switchyard.ports.runtime.RoutingRuntime;
import io.switchyard.ports.runtime.TrafficObserver;
import io.switchyard.server.http.DataPlane;
import io.switchyard.server.http.EntryPointBinding;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operators' view of a running Switchyard: the admin listener (API, {@code /ping},
 * {@code /ready}, {@code /metrics}, dashboard), request metrics and the access log.
 *
 * <p>Wiring, in the composition root: {@link #start} before the data plane; pass
 * {@link #observer()} to the runtime and {@link #sockets()} to the data plane; call
 * {@link #listening} once the data plane is up and {@link #applied} after every configuration
 * applied; {@link #close()} after the data plane stopped.
 */
public final class Operations implements AutoCloseable {
    /** The admin listener's socket name in the data plane (not a valid entry point name). */
    public static final String ADMIN_SOCKET = "@admin";

    private final Settings settings;
    private final Reloads reloads;
    private final TrafficMetrics metrics;
    private final Optional<AccessLog> accessLog;
    private final TrafficObserver observer;
    private final AdminApi api;
    private final MetricsPage metricsPage;
    private final RoutingRuntime runtime;
    private volatile DataPlane dataPlane;
    private volatile List<EntryPointBinding> bindings = List.of();

    /**
     * What to run.
     *
     * @param admin     where the admin listener listens; empty for none ({@code --no-admin})
     * @param accessLog access log settings
     */
    public record Settings(Optional<EntryPointBinding.HostPort> admin, AccessLogSettings accessLog) {
        /** Traefik's default admin port ({@code traefik} entry point). */
        public static final int DEFAULT_ADMIN_PORT = 8080;

        /** No admin listener, no access log. */
        public static final Settings NONE = new Settings(Optional.empty(), AccessLogSettings.OFF);

        public Settings {
            Objects.requireNonNull(admin, "admin");
            Objects.requireNonNull(accessLog, "accessLog");
        }
    }

    private Operations(Settings settings, RoutingRuntime runtime, Duration gracePeriod, InstantSource clock) {
        this.settings = settings;
        this.runtime = runtime;
        this.reloads = new Reloads(clock);
        this.metrics = new TrafficMetrics(runtime::config, runtime.settings().provider());
        this.accessLog = settings.accessLog().enabled()
                ? Optional.of(AccessLog.open(settings.accessLog(), clock)) : Optional.empty();
        // Without an admin listener nobody reads the metrics: do not pay for them per request.
        TrafficObserver counting = settings.admin().isPresent() ? metrics : TrafficObserver.NONE;
        this.observer = accessLog.isEmpty() ? counting
                : counting == TrafficObserver.NONE ? accessLog.get() : both(counting, accessLog.get());
        this.api = new AdminApi(runtime, reloads, metrics, accessLog, this::listeners, gracePeriod, clock,
                version());
        this.metricsPage = new MetricsPage(runtime, reloads, metrics, accessLog);
    }

    /**
     * Prepares metrics, the access log (opened now) and the admin routing for {@code runtime}.
     *
     * @param gracePeriod the entry points' shutdown grace period, shown by {@code /api/entrypoints}
     */
    public static Operations start(Settings settings, RoutingRuntime runtime, Duration gracePeriod,
                                   InstantSource clock) {
        return new Operations(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(runtime, "runtime"),
                Objects.requireNonNull(gracePeriod, "gracePeriod"), Objects.requireNonNull(clock, "clock"));
    }

    private static TrafficObserver both(TrafficObserver first, TrafficObserver second) {
        return new TrafficObserver() {
            @Override
            public void completed(CompletedExchange exchange) {
                first.completed(exchange);
                second.completed(exchange);
            }
        };
    }

    /**
     * Who must see every completed request: metrics (when there is an admin listener to read
     * them) and the access log (when enabled); {@link TrafficObserver#NONE} when neither.
     */
    public TrafficObserver observer() {
        return observer;
    }

    /** The extra listeners for the data plane: the admin listener, unless disabled. */
    public Map<String, DataPlane.ExtraSocket> sockets() {
        return settings.admin().map(hp -> Map.of(ADMIN_SOCKET, new DataPlane.ExtraSocket(hp.host(), hp.port(),
                AdminRouting.routing(runtime, api, metricsPage)))).orElse(Map.of());
    }

    /** Tells where the entry points listen, once the data plane is up. */
    public void listening(DataPlane dataPlane, List<EntryPointBinding> bindings) {
        this.bindings = List.copyOf(bindings);
        this.dataPlane = Objects.requireNonNull(dataPlane, "dataPlane");
    }

    /** Records an applied configuration and what its translation reported. */
    public void applied(List<Diagnostic> translationDiagnostics) {
        reloads.applied(translationDiagnostics);
    }

    /** Reload count, last success and the current translation diagnostics. */
    public Reloads reloads() {
        return reloads;
    }

    /** The port the admin listener actually uses; empty when there is none or it is not up yet. */
    public Optional<Integer> adminPort() {
        DataPlane dp = dataPlane;
        if (dp == null || settings.admin().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(dp.server().port(ADMIN_SOCKET));
    }

    private List<AdminApi.Listener> listeners() {
        DataPlane dp = dataPlane;
        List<AdminApi.Listener> out = new ArrayList<>();
        for (EntryPointBinding b : bindings) {
            out.add(new AdminApi.Listener(b.name(), b.host(), dp == null ? b.port() : dp.port(b.name())));
        }
        return out;
    }

    private static String version() {
        String v = Operations.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Writes what the access log still holds and closes it. */
    @Override
    public void close() {
        accessLog.ifPresent(AccessLog::close);
    }
}
