package io.switchyard.adapters.k8s.informer;

import java.util.List;
import java.util.Objects;

/**
 * One kind of object the Kubernetes source watches with an informer: its API group, version,
 * resource (plural) and kind. {@link #ALL} is the complete list; {@code deploy/rbac.yaml} must grant
 * get, list and watch on every entry (a test holds the two together).
 *
 * @param group      API group, empty for the core group
 * @param version    API version, e.g. {@code v1alpha1}
 * @param resource   the plural resource name used in URLs and RBAC rules, e.g. {@code ingressroutes}
 * @param kind       the object kind, e.g. {@code IngressRoute}
 * @param namespaced whether objects live in namespaces (only {@code nodes} do not)
 * @param custom     whether this is one of Traefik's custom resources, the only ones the label
 *                   selector applies to (spec: translation.md §1.1)
 */
public record WatchedResource(String group, String version, String resource, String kind, boolean namespaced,
                              boolean custom) {

    /** Traefik's CRD group. */
    public static final String TRAEFIK_GROUP = "traefik.io";

    public static final WatchedResource INGRESS_ROUTES = traefik("ingressroutes", "IngressRoute");
    public static final WatchedResource TRAEFIK_SERVICES = traefik("traefikservices", "TraefikService");
    public static final WatchedResource SERVERS_TRANSPORTS = traefik("serverstransports", "ServersTransport");
    /** Read for error-page middlewares, which translation turns into services. */
    public static final WatchedResource MIDDLEWARES = traefik("middlewares", "Middleware");
    public static final WatchedResource SERVICES = new WatchedResource("", "v1", "services", "Service", true, false);
    public static final WatchedResource ENDPOINT_SLICES =
            new WatchedResource("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, false);
    /** Cluster-scoped; not watched with {@code disable-cluster-scope-resources}. */
    public static final WatchedResource NODES = new WatchedResource("", "v1", "nodes", "Node", false, false);
    public static final WatchedResource SECRETS = new WatchedResource("", "v1", "secrets", "Secret", true, false);
    public static final WatchedResource CONFIG_MAPS =
            new WatchedResource("", "v1", "configmaps", "ConfigMap", true, false);

    /** Every resource the source can watch, in snapshot order. */
    public static final List<WatchedResource> ALL = List.of(INGRESS_ROUTES, TRAEFIK_SERVICES, SERVERS_TRANSPORTS,
            MIDDLEWARES, SERVICES, ENDPOINT_SLICES, NODES, SECRETS, CONFIG_MAPS);

    public WatchedResource {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(kind, "kind");
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("resource: \"\" (expected: a plural resource name)");
        }
    }

    private static WatchedResource traefik(String resource, String kind) {
        return new WatchedResource(TRAEFIK_GROUP, "v1alpha1", resource, kind, true, true);
    }

    /** {@code group/version}, or just the version for the core group: the objects' {@code apiVersion}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The name RBAC and kubectl use: {@code ingressroutes.traefik.io}, or {@code services} for the core group. */
    public String qualifiedName() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /** The resources watched with these options: all of them, less Nodes when cluster-scoped ones are off. */
    public static List<WatchedResource> watchedWith(boolean disableClusterScopeResources) {
        return ALL.stream().filter(r -> r.namespaced() || !disableClusterScopeResources).toList();
    }
}
