package io.switchyard.domain.translate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kubernetes CRD provider options that influence translation (spec: translation.md §1.1). Every
 * flag defaults to false, every list to "unset".
 *
 * @param namespaces                   watched namespaces; empty means all. Namespaced objects elsewhere
 *                                     are treated as absent
 * @param labelSelector                Kubernetes label selector applied to Traefik's custom resources
 *                                     only (not to Services, EndpointSlices, Nodes, Secrets)
 * @param ingressClass                 the class this provider serves (§1.4)
 * @param allowCrossNamespace          let references leave the referencing object's namespace
 * @param allowExternalNameServices    let routes use ExternalName Services
 * @param allowEmptyServices           emit load balancers without servers instead of dropping the route
 * @param nativeLBByDefault            default of {@code nativeLB} on route references (not inside
 *                                     TraefikServices, §1.11)
 * @param disableClusterScopeResources no Node lookups ({@code nodePortLB} fails)
 * @param crossProviderNamespaces      namespaces allowed to use {@code name@provider} references:
 *                                     empty Optional = unrestricted, empty list = nobody
 * @param allowHealthCheckOnAnyService Switchyard's own opt-in, not a Traefik option: accept
 *                                     {@code healthCheck} on references to any Service type instead
 *                                     of ExternalName Services only (deliberate deviation from
 *                                     healthcheck.md §3.1; default off, which is Traefik's behaviour)
 */
public record ProviderOptions(
        List<String> namespaces,
        String labelSelector,
        String ingressClass,
        boolean allowCrossNamespace,
        boolean allowExternalNameServices,
        boolean allowEmptyServices,
        boolean nativeLBByDefault,
        boolean disableClusterScopeResources,
        Optional<List<String>> crossProviderNamespaces,
        boolean allowHealthCheckOnAnyService) {

    /** Traefik's defaults: everything off, all namespaces, no selector, no class. */
    public static final ProviderOptions DEFAULTS = new ProviderOptions(List.of(), "", "", false, false, false, false,
            false, Optional.empty(), false);

    /**
     * @throws IllegalArgumentException when the label selector does not parse
     */
    public ProviderOptions {
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(labelSelector, "labelSelector");
        Objects.requireNonNull(ingressClass, "ingressClass");
        crossProviderNamespaces = Objects.requireNonNull(crossProviderNamespaces, "crossProviderNamespaces")
                .map(List::copyOf);
        LabelSelector.parse(labelSelector);
    }

    /** Traefik's options only; Switchyard's own opt-ins stay off. */
    public ProviderOptions(List<String> namespaces, String labelSelector, String ingressClass,
                           boolean allowCrossNamespace, boolean allowExternalNameServices, boolean allowEmptyServices,
                           boolean nativeLBByDefault, boolean disableClusterScopeResources,
                           Optional<List<String>> crossProviderNamespaces) {
        this(namespaces, labelSelector, ingressClass, allowCrossNamespace, allowExternalNameServices,
                allowEmptyServices, nativeLBByDefault, disableClusterScopeResources, crossProviderNamespaces, false);
    }

    public ProviderOptions withNamespaces(List<String> namespaces) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                crossProviderNamespaces, allowHealthCheckOnAnyService);
    }

    public ProviderOptions withLabelSelector(String labelSelector) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                crossProviderNamespaces, allowHealthCheckOnAnyService);
    }

    public ProviderOptions withIngressClass(String ingressClass) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                crossProviderNamespaces, allowHealthCheckOnAnyService);
    }

    public ProviderOptions withAllowCrossNamespace(boolean allowCrossNamespace) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                crossProviderNamespaces, allowHealthCheckOnAnyService);
    }

    public ProviderOptions withAllowExternalNameServices(boolean allowExternalNameServices) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                crossProviderNamespaces, allowHealthCheckOnAnyService);
    }

    public ProviderOptions withAllowEmptyServices(boolean allowEmptyServices) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                crossProviderNamespaces, allowHealthCheckOnAnyService);
    }

    public ProviderOptions withNativeLBByDefault(boolean nativeLBByDefault) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                crossProviderNamespaces, allowHealthCheckOnAnyService);
    }

    public ProviderOptions withDisableClusterScopeResources(boolean disableClusterScopeResources) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                crossProviderNamespaces, allowHealthCheckOnAnyService);
    }

    /** Restricts {@code @provider} references to these namespaces (an empty list forbids them). */
    public ProviderOptions withCrossProviderNamespaces(List<String> crossProviderNamespaces) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                Optional.of(crossProviderNamespaces), allowHealthCheckOnAnyService);
    }

    /**
     * Accepts {@code healthCheck} on references to any Service type (Switchyard's opt-in; Traefik
     * accepts it on ExternalName Services only).
     */
    public ProviderOptions withAllowHealthCheckOnAnyService(boolean allowHealthCheckOnAnyService) {
        return new ProviderOptions(namespaces, labelSelector, ingressClass, allowCrossNamespace,
                allowExternalNameServices, allowEmptyServices, nativeLBByDefault, disableClusterScopeResources,
                crossProviderNamespaces, allowHealthCheckOnAnyService);
    }

    /** Whether objects in {@code namespace} are watched. */
    public boolean watches(String namespace) {
        return namespaces.isEmpty() || namespaces.contains(namespace);
    }
}
