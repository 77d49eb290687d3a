package io.switchyard.adapters.k8s.informer;

/** JSON texts of the objects the informer tests write into the fake API server. */
final class KubeJson {
    private KubeJson() {
    }

    static String ingressRoute(String ns, String name, String host, String service, int port) {
        return """
                {"apiVersion":"traefik.io/v1alpha1","kind":"IngressRoute",
                 "metadata":{"name":"%s","namespace":"%s"},
                 "spec":{"entryPoints":["web"],"routes":[{"match":"Host(`%s`)","kind":"Rule",
                   "services":[{"name":"%s","port":%d}]}]}}
                """.formatted(name, ns, host, service, port);
    }

    static String labelled(String json, String key, String value) {
        return json.replaceFirst("\"metadata\":\\{", "\"metadata\":{\"labels\":{\"" + key + "\":\"" + value + "\"},");
    }

    static String traefikService(String ns, String name, String service, int port) {
        return """
                {"apiVersion":"traefik.io/v1alpha1","kind":"TraefikService",
                 "metadata":{"name":"%s","namespace":"%s"},
                 "spec":{"weighted":{"services":[{"name":"%s","port":%d,"weight":2}]}}}
                """.formatted(name, ns, service, port);
    }

    static String serversTransport(String ns, String name, String serverName) {
        return """
                {"apiVersion":"traefik.io/v1alpha1","kind":"ServersTransport",
                 "metadata":{"name":"%s","namespace":"%s"},
                 "spec":{"serverName":"%s","insecureSkipVerify":true,"maxIdleConnsPerHost":7}}
                """.formatted(name, ns, serverName);
    }

    static String middleware(String ns, String name, String errorService) {
        return """
                {"apiVersion":"traefik.io/v1alpha1","kind":"Middleware",
                 "metadata":{"name":"%s","namespace":"%s"},
                 "spec":{"errors":{"status":["500-599"],"query":"/{status}.html",
                   "service":{"name":"%s","port":80}}}}
                """.formatted(name, ns, errorService);
    }

    static String service(String ns, String name, int port) {
        return """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","namespace":"%s"},
                 "spec":{"type":"ClusterIP","clusterIP":"10.96.0.10",
                   "ports":[{"name":"http","port":%d,"protocol":"TCP","targetPort":8080}]}}
                """.formatted(name, ns, port);
    }

    static String endpointSlice(String ns, String name, String service, int port, String... addresses) {
        StringBuilder endpoints = new StringBuilder();
        for (String address : addresses) {
            if (!endpoints.isEmpty()) {
                endpoints.append(',');
            }
            endpoints.append("{\"addresses\":[\"").append(address).append("\"],\"conditions\":{\"ready\":true}}");
        }
        return """
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
                 "metadata":{"name":"%s","namespace":"%s","labels":{"kubernetes.io/service-name":"%s"}},
                 "addressType":"IPv4","ports":[{"name":"http","port":8080,"protocol":"TCP"}],
                 "endpoints":[%s]}
                """.formatted(name, ns, service, endpoints);
    }

    static String node(String name, String internalIp) {
        return """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"},
                 "status":{"addresses":[{"type":"InternalIP","address":"%s"},{"type":"Hostname","address":"%s"}]}}
                """.formatted(name, internalIp, name);
    }

    static String secret(String ns, String name, String base64) {
        return """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"%s","namespace":"%s"},
                 "type":"Opaque","data":{"ca.crt":"%s"}}
                """.formatted(name, ns, base64);
    }

    static String configMap(String ns, String name, String value) {
        return """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s","namespace":"%s"},
                 "data":{"ca.crt":"%s"}}
                """.formatted(name, ns, value);
    }
}
