package io.switchyard.server;

import io.switchyard.adapters.http.health.HttpHealthProbe;
import io.switchyard.adapters.http.upstream.HelidonUpstream;
import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.translate.Diagnostic;
import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.domain.translate.Translation;
import io.switchyard.domain.translate.Translator;
import io.switchyard.ports.discovery.ClusterSource;
import io.switchyard.ports.discovery.ClusterSourceProvider;
import io.switchyard.ports.health.CheckTimer;
import io.switchyard.ports.health.HealthChecks;
import io.switchyard.ports.runtime.RoutingRuntime;
import io.switchyard.ports.runtime.RuntimeSettings;
import io.switchyard.server.admin.Operations;
import io.switchyard.server.http.ConnectionLimits;
import io.switchyard.server.http.DataPlane;
import io.switchyard.server.http.EntryPointBinding;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The composition root: wires a discovery source through translation into the routing runtime,
 * and the runtime into the Helidon listeners. {@link #start(Settings)} returns a running instance.
 */
public final class Switchyard implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Switchyard.class.getName());

    private final HelidonUpstream upstream;
    private final RoutingRuntime runtime;
    private final HealthChecks healthChecks;
    private final DataPlane dataPlane;
    private final Operations operations;
    private final List<AutoCloseable> resources;

    private Switchyard(HelidonUpstream upstream, RoutingRuntime runtime, HealthChecks healthChecks,
                       DataPlane dataPlane, Operations operations, List<AutoCloseable> resources) {
        this.upstream = upstream;
        this.runtime = runtime;
        this.healthChecks = healthChecks;
        this.dataPlane = dataPlane;
        this.operations = operations;
        this.resources = resources;
    }

    /**
     * What to run. Build it with {@link #builder()}; every component has a default there.
     *
     * @param entryPoints   listeners, first one is the default
     * @param source        discovery source name (found with ServiceLoader), or empty for a fixed
     *                      configuration
     * @param sourceOptions options for the source
     * @param options       translation options (Traefik's CRD provider options)
     * @param fixed         a fixed configuration, used when {@code source} is empty
     * @param gracePeriod   how long in-flight requests may take at shutdown
     * @param operations    admin listener and access log
     * @param limits        request head sizes and connection timeouts of the entry points
     * @param retryIdempotentOnce see {@link RuntimeSettings#retryIdempotentOnce()}
     * @param propagateHealth see {@link RuntimeSettings#propagateHealth()}
     */
    public record Settings(List<EntryPointBinding> entryPoints, String source, Map<String, String> sourceOptions,
                           ProviderOptions options, DynamicConfig fixed, Duration gracePeriod,
                           Operations.Settings operations, ConnectionLimits limits, boolean retryIdempotentOnce,
                           boolean propagateHealth) {
        /** The entry point used when none is given: {@code web} on port 8000 of every interface. */
        public static final EntryPointBinding DEFAULT_ENTRY_POINT = new EntryPointBinding("web", "0.0.0.0", 8000);

        public Settings {
            entryPoints = List.copyOf(entryPoints);
            Objects.requireNonNull(source, "source");
            sourceOptions = Map.copyOf(sourceOptions);
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(fixed, "fixed");
            Objects.requireNonNull(gracePeriod, "gracePeriod");
            Objects.requireNonNull(operations, "operations");
            Objects.requireNonNull(limits, "limits");
        }

        /**
         * A builder with the defaults: {@link #DEFAULT_ENTRY_POINT}, no source and an empty fixed
         * configuration, {@link ProviderOptions#DEFAULTS}, a 10 s grace period, no admin listener
         * and no access log ({@link Operations.Settings#NONE}), {@link ConnectionLimits#DEFAULTS},
         * the idempotent retry on and health propagation off (as in Traefik).
         */
        public static Builder builder() {
            return new Builder();
        }

        /** Collects {@link Settings}; each setter replaces the value set before. */
        public static final class Builder {
            private List<EntryPointBinding> entryPoints = List.of(DEFAULT_ENTRY_POINT);
            private String source = "";
            private Map<String, String> sourceOptions = Map.of();
            private ProviderOptions options = ProviderOptions.DEFAULTS;
            private DynamicConfig fixed = DynamicConfig.EMPTY;
            private Duration gracePeriod = Duration.ofSeconds(10);
            private Operations.Settings operations = Operations.Settings.NONE;
            private ConnectionLimits limits = ConnectionLimits.DEFAULTS;
            private boolean retryIdempotentOnce = true;
            private boolean propagateHealth;

            private Builder() {
            }

            /** The listeners; the first one is the default. */
            public Builder entryPoints(List<EntryPointBinding> entryPoints) {
                this.entryPoints = List.copyOf(entryPoints);
                return this;
            }

            /** Routes come from the discovery source {@code name}, given {@code options}. */
            public Builder source(String name, Map<String, String> options) {
                this.source = Objects.requireNonNull(name, "name");
                this.sourceOptions = Map.copyOf(options);
                return this;
            }

            /** Translation options, applied to what the source finds. */
            public Builder options(ProviderOptions options) {
                this.options = Objects.requireNonNull(options, "options");
                return this;
            }

            /** The configuration served when no source is set. */
            public Builder fixed(DynamicConfig fixed) {
                this.fixed = Objects.requireNonNull(fixed, "fixed");
                return this;
            }

            /** How long in-flight requests may take at shutdown. */
            public Builder gracePeriod(Duration gracePeriod) {
                this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
                return this;
            }

            /** Admin listener and access log. */
            public Builder operations(Operations.Settings operations) {
                this.operations = Objects.requireNonNull(operations, "operations");
                return this;
            }

            /** Request head sizes and connection timeouts of the entry points. */
            public Builder limits(ConnectionLimits limits) {
                this.limits = Objects.requireNonNull(limits, "limits");
                return this;
            }

            /** See {@link RuntimeSettings#retryIdempotentOnce()}. */
            public Builder retryIdempotentOnce(boolean retryIdempotentOnce) {
                this.retryIdempotentOnce = retryIdempotentOnce;
                return this;
            }

            /** See {@link RuntimeSettings#propagateHealth()}. */
            public Builder propagateHealth(boolean propagateHealth) {
                this.propagateHealth = propagateHealth;
                return this;
            }

            /** The settings collected so far. */
            public Settings build() {
                return new Settings(entryPoints, source, sourceOptions, options, fixed, gracePeriod, operations,
                        limits, retryIdempotentOnce, propagateHealth);
            }
        }
    }

    /** Starts listeners and discovery; returns once the listeners are up. */
    public static Switchyard start(Settings settings) {
        List<AutoCloseable> resources = new ArrayList<>();
        HelidonUpstream upstream = HelidonUpstream.create();
        Map<String, RuntimeSettings.EntryPointSettings> entryPoints = new LinkedHashMap<>();
        settings.entryPoints().forEach(b -> entryPoints.put(b.name(), b.settings()));
        RoutingRuntime runtime = new RoutingRuntime(upstream,
                new RuntimeSettings(entryPoints, hostname(), "kubernetescrd")
                        .withRetryIdempotentOnce(settings.retryIdempotentOnce())
                        .withPropagateHealth(settings.propagateHealth()), ThreadLocalRandom.current());
        DataPlane dataPlane;
        Operations operations = null;
        try {
            operations = Operations.start(settings.operations(), runtime, settings.gracePeriod(),
                    InstantSource.system());
            runtime.observer(operations.observer());
            dataPlane = DataPlane.start(settings.entryPoints(), runtime, operations.sockets(), settings.gracePeriod(),
                    settings.limits());
            operations.listening(dataPlane, settings.entryPoints());
        } catch (RuntimeException e) {
            if (operations != null) {
                operations.close();
            }
            upstream.close();
            throw e;
        }
        HealthChecks healthChecks = new HealthChecks(new HttpHealthProbe(upstream), runtime.states(),
                CheckTimer.system());
        Switchyard sy = new Switchyard(upstream, runtime, healthChecks, dataPlane, operations, resources);
        try {
            if (settings.source().isEmpty()) {
                sy.apply(settings.fixed(), List.of());
            } else {
                ClusterSource source = provider(settings.source()).create(settings.sourceOptions());
                resources.add(source);
                source.start(new ClusterSource.SnapshotListener() {
                    @Override
                    public void onSnapshot(ClusterSnapshot snapshot) {
                        sy.apply(snapshot, settings.options());
                    }

                    @Override
                    public void onError(String message) {
                        LOG.log(Level.ERROR, "discovery: {0} (keeping the last good configuration)", message);
                    }
                });
            }
        } catch (RuntimeException e) {
            sy.close();
            throw e;
        }
        LOG.log(Level.INFO, "Switchyard listening on {0}{1}", dataPlane.ports(),
                operations.adminPort().map(p -> ", admin on " + p).orElse(""));
        return sy;
    }

    private void apply(ClusterSnapshot snapshot, ProviderOptions options) {
        Translation translation = Translator.translate(snapshot, options);
        translation.diagnostics().forEach(d -> LOG.log(Level.WARNING, "translation: {0}", d));
        apply(translation.config(), translation.diagnostics());
    }

    /** Serves {@code config}, then makes the active health checks match it. */
    private synchronized void apply(DynamicConfig config, List<Diagnostic> diagnostics) {
        runtime.apply(config);
        healthChecks.apply(runtime.loadBalancers());
        operations.applied(diagnostics);
    }

    /** Finds a discovery source by name among the registered providers. */
    static ClusterSourceProvider provider(String name) {
        List<String> known = new ArrayList<>();
        for (ClusterSourceProvider p : ServiceLoader.load(ClusterSourceProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
            known.add(p.name());
        }
        throw new IllegalArgumentException("source: '" + name + "' (known: " + String.join(", ", known) + ")");
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** The routing runtime (configuration, diagnostics, server states). */
    public RoutingRuntime runtime() {
        return runtime;
    }

    /** Metrics, access log, reloads and the admin listener. */
    public Operations operations() {
        return operations;
    }

    /** The port the admin listener uses; empty with {@code --no-admin}. */
    public Optional<Integer> adminPort() {
        return operations.adminPort();
    }

    /** The port an entry point listens on. */
    public int port(String entryPoint) {
        return dataPlane.port(entryPoint);
    }

    /** Stops listeners (grace period for in-flight requests), discovery, health checks and upstream pools. */
    @Override
    public void close() {
        dataPlane.close();
        healthChecks.close();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + r + " failed", e);
            }
        }
        upstream.close();
        operations.close();
    }
}
