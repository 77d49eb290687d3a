package io.switchyard.adapters.k8s.informer;

import io.switchyard.domain.config.GoDuration;
import io.switchyard.domain.translate.ProviderOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Kubernetes source connects and what it watches. Translation options (ingress class,
 * cross-namespace references, ...) are not here: the caller applies them to the snapshots.
 *
 * @param kubeconfig                   a kubeconfig file to use; empty: {@code $KUBECONFIG}, then
 *                                     {@code ~/.kube/config}, then the in-cluster service account
 * @param masterUrl                    the API server URL; overrides the kubeconfig's server, and
 *                                     without a kubeconfig means "no credentials" (e.g. {@code kubectl proxy})
 * @param namespaces                   watch only these namespaces; empty means all
 * @param labelSelector                label selector for Traefik's custom resources only
 * @param disableClusterScopeResources watch no cluster-scoped resources (Nodes)
 * @param throttle                     at most one snapshot per this window; zero delivers every change
 * @param resync                       informer resync period; zero turns resync off
 */
public record KubernetesOptions(Optional<Path> kubeconfig, Optional<URI> masterUrl, List<String> namespaces,
                                String labelSelector, boolean disableClusterScopeResources, Duration throttle,
                                Duration resync) {

    /** Traefik's default throttle for provider events. */
    public static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(2);
    /** Traefik's informer resync period. */
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);

    /** Auto-detected client, all namespaces, no selector, Nodes watched, 2s throttle, 10m resync. */
    public static final KubernetesOptions DEFAULTS = new KubernetesOptions(Optional.empty(), Optional.empty(),
            List.of(), "", false, DEFAULT_THROTTLE, DEFAULT_RESYNC);

    /** The option keys {@link #parse} accepts. */
    public static final List<String> KEYS = List.of("kubeconfig", "master-url", "namespaces", "label-selector",
            "disable-cluster-scope-resources", "throttle", "resync");

    /**
     * @throws IllegalArgumentException when a duration is negative, a namespace is blank or the label
     *                                  selector does not parse
     */
    public KubernetesOptions {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(masterUrl, "masterUrl");
        namespaces = List.copyOf(namespaces);
        for (String ns : namespaces) {
            if (ns.isBlank()) {
                throw new IllegalArgumentException("namespaces: " + namespaces + " (expected: no empty names)");
            }
        }
        Objects.requireNonNull(labelSelector, "labelSelector");
        // The translation options validate selectors; one parser for both places.
        ProviderOptions.DEFAULTS.withLabelSelector(labelSelector);
        Objects.requireNonNull(throttle, "throttle");
        if (throttle.isNegative()) {
            throw new IllegalArgumentException("throttle: " + throttle + " (expected: >= 0)");
        }
        Objects.requireNonNull(resync, "resync");
        if (resync.isNegative()) {
            throw new IllegalArgumentException("resync: " + resync + " (expected: >= 0)");
        }
    }

    /**
     * Reads the {@code --source-option} pairs of the {@code kubernetes} source: {@code kubeconfig},
     * {@code master-url}, {@code namespaces} (comma list), {@code label-selector},
     * {@code disable-cluster-scope-resources} ({@code true}/{@code false}), {@code throttle} and
     * {@code resync} (Go durations such as {@code 2s}, ISO-8601 such as {@code PT2S}, or whole seconds).
     *
     * @throws IllegalArgumentException naming the key, for unknown keys and bad values
     */
    public static KubernetesOptions parse(Map<String, String> options) {
        Map<String, String> rest = new LinkedHashMap<>(options);
        for (String key : rest.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("kubernetes: unknown option " + key + " (expected one of: "
                        + String.join(", ", KEYS) + ")");
            }
        }
        Optional<Path> kubeconfig = Optional.ofNullable(rest.get("kubeconfig")).filter(s -> !s.isBlank())
                .map(Path::of);
        Optional<URI> masterUrl = Optional.ofNullable(rest.get("master-url")).filter(s -> !s.isBlank())
                .map(KubernetesOptions::url);
        List<String> namespaces = Optional.ofNullable(rest.get("namespaces"))
                .map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList())
                .orElse(List.of());
        String selector = rest.getOrDefault("label-selector", "");
        boolean disable = Optional.ofNullable(rest.get("disable-cluster-scope-resources"))
                .map(v -> bool("disable-cluster-scope-resources", v)).orElse(false);
        Duration throttle = Optional.ofNullable(rest.get("throttle")).map(v -> duration("throttle", v))
                .orElse(DEFAULT_THROTTLE);
        Duration resync = Optional.ofNullable(rest.get("resync")).map(v -> duration("resync", v))
                .orElse(DEFAULT_RESYNC);
        try {
            return new KubernetesOptions(kubeconfig, masterUrl, namespaces, selector, disable, throttle, resync);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kubernetes: " + e.getMessage(), e);
        }
    }

    public KubernetesOptions withKubeconfig(Path kubeconfig) {
        return new KubernetesOptions(Optional.of(kubeconfig), masterUrl, namespaces, labelSelector,
                disableClusterScopeResources, throttle, resync);
    }

    public KubernetesOptions withMasterUrl(URI masterUrl) {
        return new KubernetesOptions(kubeconfig, Optional.of(masterUrl), namespaces, labelSelector,
                disableClusterScopeResources, throttle, resync);
    }

    public KubernetesOptions withNamespaces(List<String> namespaces) {
        return new KubernetesOptions(kubeconfig, masterUrl, namespaces, labelSelector,
                disableClusterScopeResources, throttle, resync);
    }

    public KubernetesOptions withLabelSelector(String labelSelector) {
        return new KubernetesOptions(kubeconfig, masterUrl, namespaces, labelSelector,
                disableClusterScopeResources, throttle, resync);
    }

    public KubernetesOptions withDisableClusterScopeResources(boolean disableClusterScopeResources) {
        return new KubernetesOptions(kubeconfig, masterUrl, namespaces, labelSelector,
                disableClusterScopeResources, throttle, resync);
    }

    public KubernetesOptions withThrottle(Duration throttle) {
        return new KubernetesOptions(kubeconfig, masterUrl, namespaces, labelSelector,
                disableClusterScopeResources, throttle, resync);
    }

    public KubernetesOptions withResync(Duration resync) {
        return new KubernetesOptions(kubeconfig, masterUrl, namespaces, labelSelector,
                disableClusterScopeResources, throttle, resync);
    }

    /** The resources watched with these options. */
    public List<WatchedResource> watchedResources() {
        return WatchedResource.watchedWith(disableClusterScopeResources);
    }

    private static URI url(String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("kubernetes: master-url " + text
                        + " (expected: http://HOST[:PORT] or https://HOST[:PORT])");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("kubernetes: master-url " + text + ": " + e.getMessage(), e);
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "", "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("kubernetes: " + key + " " + value
                    + " (expected: true or false)");
        };
    }

    /** A Go duration ({@code 2s}, {@code 1m30s}), an ISO-8601 one ({@code PT2S}) or whole seconds ({@code 2}). */
    static Duration duration(String key, String value) {
        String text = value.strip();
        try {
            if (text.regionMatches(true, 0, "P", 0, 1)) {
                return Duration.parse(text);
            }
            return GoDuration.parse(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("kubernetes: " + key + " " + value
                    + " (expected: a duration such as 2s, 500ms or PT2S)", e);
        }
    }
}
