package io.switchyard.domain.translate;

import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.PortRef;
import io.switchyard.domain.cluster.Service;

import java.util.Objects;

/**
 * Translates Traefik's Kubernetes CRD objects into the HTTP dynamic configuration, exactly as
 * Traefik's {@code kubernetescrd} provider does (spec: translation.md). Pure and deterministic:
 * the same snapshot and options always give the same result; nothing is logged, everything that
 * was dropped or doubtful is returned as a {@link Diagnostic}.
 *
 * <pre>{@code
 * ClusterSnapshot snapshot = ClusterSnapshot.of(ingressRoute, service, endpointSlice);
 * Translation result = Translator.translate(snapshot, ProviderOptions.DEFAULTS.withAllowCrossNamespace(true));
 * RouterConfig router = result.config().routers().get("default-whoami-ir-d1e731eed2b25b93330c");
 * result.diagnostics().forEach(d -> logger.log(WARNING, d.toString()));
 * String json = ConfigJson.write(result.config());
 * }</pre>
 *
 * <p>The static building blocks below are the provider's helper functions, exposed for tools and
 * for the conformance suite.
 */
public final class Translator {
    private Translator() {
    }

    /** Translates a snapshot with the given provider options. */
    public static Translation translate(ClusterSnapshot snapshot, ProviderOptions options) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(options, "options");
        return new TranslationRun(new ClusterIndex(snapshot, options), options).run();
    }

    /**
     * Traefik's {@code Normalize} (§1.3): every run of characters that are neither letters nor
     * numbers becomes one {@code -}, leading and trailing ones vanish ({@code a__b..c-} → {@code a-b-c}).
     */
    public static String normalize(String name) {
        return Names.normalize(Objects.requireNonNull(name, "name"));
    }

    /**
     * The router key of a route (§1.5): {@code Normalize(namespace-name-H)} with {@code H} the first 20
     * hex digits of SHA-256 over the match rule, e.g. ({@code default}, {@code test.route},
     * {@code Host(`foo.com`) && PathPrefix(`/bar`)}) → {@code default-test-route-6b204d94623b3df4370c}.
     */
    public static String routerKey(String namespace, String ingressName, String match) {
        return Names.routerKey(Objects.requireNonNull(namespace, "namespace"),
                Objects.requireNonNull(ingressName, "ingressName"), Objects.requireNonNull(match, "match"));
    }

    /**
     * The server scheme of a reference (§1.10.3, Traefik's {@code parseServiceProtocol}): an explicit
     * {@code http}/{@code https}/{@code h2c}; else {@code https} for port 443 or a port name starting
     * with {@code https}; else {@code http}.
     *
     * @throws TranslationException for any other explicit scheme
     */
    public static String serverScheme(String scheme, String portName, int portNumber) {
        return ServiceBuilder.scheme(Objects.requireNonNull(scheme, "scheme"),
                Objects.requireNonNull(portName, "portName"), portNumber);
    }

    /**
     * The Service port a reference selects (§1.10.1, Traefik's {@code getServicePort}). An ExternalName
     * Service accepts any non-zero port number (a synthetic unnamed port).
     *
     * @throws TranslationException when no port is given or none matches
     */
    public static Service.Port servicePort(Service service, PortRef port) {
        return ServiceBuilder.servicePort(Objects.requireNonNull(service, "service"),
                Objects.requireNonNull(port, "port"), Reporter.SILENT);
    }

    /**
     * Whether objects in {@code namespace} may use {@code name@provider} references under these options
     * (Traefik's {@code isCrossProviderNamespaceAllowed}).
     */
    public static boolean crossProviderNamespaceAllowed(ProviderOptions options, String namespace) {
        return ServiceBuilder.crossProviderAllowed(Objects.requireNonNull(options, "options").crossProviderNamespaces(),
                Objects.requireNonNull(namespace, "namespace"));
    }
}
