package io.switchyard.server;

/**
 * The plain Kubernetes objects the server tests keep writing, as YAML: a Service, its
 * EndpointSlices, a one-route IngressRoute. Every method returns one or more documents, each
 * starting with {@code ---}, so they concatenate with each other and with inline YAML. All objects
 * live in namespace {@code default}; YAML that is itself the subject of a test (other namespaces,
 * other Service types, unusual fields) stays inline in that test.
 */
public final class TestManifests {
    private TestManifests() {
    }

    /**
     * A Service {@code name} with one port, 80, named {@code portName}, and one EndpointSlice per
     * endpoint (a slice has one port list, and each test backend has a port of its own).
     *
     * @param endpoints {@code ADDRESS:PORT} of each endpoint, e.g. {@code 127.0.0.2:41879}
     */
    public static String service(String name, String portName, String... endpoints) {
        StringBuilder yaml = new StringBuilder("""
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: default}
                spec:
                  ports: [{name: %s, port: 80}]
                """.formatted(name, portName));
        for (String endpoint : endpoints) {
            yaml.append(endpointSlice(name, portName, endpoint));
        }
        return yaml.toString();
    }

    /**
     * An EndpointSlice of Service {@code service} with one ready endpoint.
     *
     * @param portName the Service port it serves
     * @param endpoint {@code ADDRESS:PORT}
     */
    public static String endpointSlice(String service, String portName, String endpoint) {
        return slice(service, portName, endpoint, "");
    }

    /**
     * An EndpointSlice of Service {@code service} with one endpoint of a pod shutting down
     * ({@code conditions: {serving: true, terminating: true}}): Traefik keeps it as a fenced server.
     *
     * @param portName the Service port it serves
     * @param endpoint {@code ADDRESS:PORT}
     */
    public static String terminatingEndpointSlice(String service, String portName, String endpoint) {
        return slice(service, portName, endpoint, "    conditions: {serving: true, terminating: true}\n");
    }

    private static String slice(String service, String portName, String endpoint, String conditions) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: ADDRESS:PORT)");
        }
        String address = endpoint.substring(0, colon);
        int port = Integer.parseInt(endpoint.substring(colon + 1));
        return """
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: %1$s-%2$s
                  namespace: default
                  labels: {kubernetes.io/service-name: %1$s}
                addressType: IPv4
                ports: [{name: %3$s, port: %4$d}]
                endpoints:
                  - addresses: ["%5$s"]
                %6$s""".formatted(service, address.replace('.', '-') + "-" + port, portName, port, address, conditions);
    }

    /** An IngressRoute {@code name} on entry point {@code web}: {@code Host(`host`)} to Service {@code service}, port 80. */
    public static String ingressRoute(String name, String host, String service) {
        return """
                ---
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: %s, namespace: default}
                spec:
                  entryPoints: [web]
                  routes:
                    - match: Host(`%s`)
                      kind: Rule
                      services:
                        - name: %s
                          port: 80
                """.formatted(name, host, service);
    }
}
