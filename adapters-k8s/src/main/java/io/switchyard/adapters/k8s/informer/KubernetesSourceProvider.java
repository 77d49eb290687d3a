package io.switchyard.adapters.k8s.informer;

import io.switchyard.ports.discovery.ClusterSource;
import io.switchyard.ports.discovery.ClusterSourceProvider;

import java.util.Map;

/**
 * The {@code kubernetes} discovery source: informers on a Kubernetes API server. Options (all
 * optional): {@code kubeconfig}, {@code master-url}, {@code namespaces}, {@code label-selector},
 * {@code disable-cluster-scope-resources}, {@code throttle}, {@code resync}; see
 * {@link KubernetesOptions#parse}.
 */
public final class KubernetesSourceProvider implements ClusterSourceProvider {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public KubernetesSourceProvider() {
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public ClusterSource create(Map<String, String> options) {
        return KubernetesClusterSource.create(KubernetesOptions.parse(options));
    }
}
