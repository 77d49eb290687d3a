package io.switchyard.adapters.k8s.informer;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the API client from {@link KubernetesOptions}; never writes back to a kubeconfig. */
final class ApiClients {
    private ApiClients() {
    }

    /**
     * An explicit kubeconfig, else a bare client for {@code master-url}, else
     * {@code ClientBuilder.standard(false)}: {@code $KUBECONFIG}, {@code ~/.kube/config}, the in-cluster
     * service account, {@code http://localhost:8080}. A {@code master-url} next to a kubeconfig only
     * replaces its server address.
     *
     * @throws IllegalArgumentException when the kubeconfig cannot be read or used
     */
    static ApiClient create(KubernetesOptions options) {
        ApiClient client = build(options);
        options.masterUrl().ifPresent(url -> client.setBasePath(trimmed(url.toString())));
        // Informers hold watches open for minutes; a read timeout would cut them.
        client.setReadTimeout(0);
        return client;
    }

    private static ApiClient build(KubernetesOptions options) {
        try {
            if (options.kubeconfig().isPresent()) {
                Path file = options.kubeconfig().get();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    KubeConfig config = KubeConfig.loadKubeConfig(reader);
                    // Relative certificate paths resolve against the kubeconfig's folder.
                    config.setFile(file.toAbsolutePath().toFile());
                    return ClientBuilder.kubeconfig(config).build();
                }
            } else if (options.masterUrl().isPresent()) {
                return new ClientBuilder().setBasePath(trimmed(options.masterUrl().get().toString())).build();
            } else {
                return ClientBuilder.standard(false).build();
            }
        } catch (IOException e) {
            String what = options.kubeconfig().map(p -> "kubeconfig " + p).orElse("Kubernetes client configuration");
            throw new IllegalArgumentException("kubernetes: cannot read " + what + ": " + e.getMessage(), e);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("kubernetes: cannot configure the client: " + e.getMessage(), e);
        }
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
