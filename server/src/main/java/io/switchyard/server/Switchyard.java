package io.switchyard.server;

import io.switchyard.adapters.http.upstream.HelidonUpstream;
import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.domain.translate.Translation;
import io.switchyard.domain.translate.Translator;
import io.switchyard.ports.discovery.ClusterSource;
import io.switchyard.ports.discovery.ClusterSourceProvider;
import io.switchyard.ports.runtime.RoutingRuntime;
import io.switchyard.ports.runtime.RuntimeSettings;
import io.switchyard.server.http.ConnectionLimits;
import io.switchyard.server.http.DataPlane;
import io.switchyard.server.http.EntryPointBinding;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final DataPlane dataPlane;
    private final List<AutoCloseable> resources;

    private Switchyard(HelidonUpstream upstream, RoutingRuntime runtime, DataPlane dataPlane,
                       List<AutoCloseable> resources) {
        this.upstream = upstream;
        this.runtime = runtime;
        this.dataPlane = dataPlane;
        this.resources = resources;
    }

    /**
     * What to run.
     *
     * @param entryPoints   listeners, first one is the default
     * @param source        discovery source name (found with ServiceLoader), or empty for a fixed
     *                      configuration
     * @param sourceOptions options for the source
     * @param options       translation options (Traefik's CRD provider options)
     * @param fixed         a fixed configuration, used when {@code source} is empty
     * @param gracePeriod   how long in-flight requests may take at shutdown
     * @param limits        request head sizes and connection timeouts of the entry points
     * @param retryIdempotentOnce see {@link RuntimeSettings#retryIdempotentOnce()}
     */
    public record Settings(List<EntryPointBinding> entryPoints, String source, Map<String, String> sourceOptions,
                           ProviderOptions options, DynamicConfig fixed, Duration gracePeriod,
                           ConnectionLimits limits, boolean retryIdempotentOnce) {
        public Settings {
            entryPoints = List.copyOf(entryPoints);
            Objects.requireNonNull(source, "source");
            sourceOptions = Map.copyOf(sourceOptions);
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(fixed, "fixed");
            Objects.requireNonNull(gracePeriod, "gracePeriod");
            Objects.requireNonNull(limits, "limits");
        }

        /** Settings with the default connection limits and the idempotent retry on. */
        public Settings(List<EntryPointBinding> entryPoints, String source, Map<String, String> sourceOptions,
                        ProviderOptions options, DynamicConfig fixed, Duration gracePeriod) {
            this(entryPoints, source, sourceOptions, options, fixed, gracePeriod, ConnectionLimits.DEFAULTS, true);
        }

        /** These settings with other connection limits. */
        public Settings withLimits(ConnectionLimits limits) {
            return new Settings(entryPoints, source, sourceOptions, options, fixed, gracePeriod, limits,
                    retryIdempotentOnce);
        }

        /** These settings with the idempotent retry switched on or off. */
        public Settings withRetryIdempotentOnce(boolean retryIdempotentOnce) {
            return new Settings(entryPoints, source, sourceOptions, options, fixed, gracePeriod, limits,
                    retryIdempotentOnce);
        }
    }

    /** Starts listeners and discovery; returns once the listeners are up. */
    public static Switchyard start(Settings settings) {
        List<AutoCloseable> resources = new ArrayList<>();
        HelidonUpstream upstream = HelidonUpstream.create();
        List<String> names = settings.entryPoints().stream().map(EntryPointBinding::name).toList();
        RoutingRuntime runtime = new RoutingRuntime(upstream, RuntimeSettings.of(names, hostname())
                .withRetryIdempotentOnce(settings.retryIdempotentOnce()), ThreadLocalRandom.current());
        DataPlane dataPlane;
        try {
            dataPlane = DataPlane.start(settings.entryPoints(), runtime, Map.of(), settings.gracePeriod(),
                    settings.limits());
        } catch (RuntimeException e) {
            upstream.close();
            throw e;
        }
        Switchyard sy = new Switchyard(upstream, runtime, dataPlane, resources);
        try {
            if (settings.source().isEmpty()) {
                runtime.apply(settings.fixed());
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
        LOG.log(Level.INFO, "Switchyard listening on {0}", dataPlane.ports());
        return sy;
    }

    private void apply(ClusterSnapshot snapshot, ProviderOptions options) {
        Translation translation = Translator.translate(snapshot, options);
        translation.diagnostics().forEach(d -> LOG.log(Level.WARNING, "translation: {0}", d));
        runtime.apply(translation.config());
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

    /** The port an entry point listens on. */
    public int port(String entryPoint) {
        return dataPlane.port(entryPoint);
    }

    /** Stops listeners (grace period for in-flight requests), discovery and upstream pools. */
    @Override
    public void close() {
        dataPlane.close();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + r + " failed", e);
            }
        }
        upstream.close();
    }
}
