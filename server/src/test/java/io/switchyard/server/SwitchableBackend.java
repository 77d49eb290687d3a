package io.switchyard.server;

import io.helidon.webserver.WebServer;

/**
 * A backend answering its name, whose {@code /health} answer (200 or 503) and whose other answers
 * (200 or 500) can be switched to failures, for the health check tests.
 */
final class SwitchableBackend implements AutoCloseable {
    final String name;
    final String host;
    final WebServer server;
    volatile boolean healthy = true;
    volatile boolean failing;

    SwitchableBackend(String name, String host) {
        this.name = name;
        this.host = host;
        this.server = WebServer.builder().host(host).port(0).shutdownHook(false)
                .routing(r -> r.any((req, res) -> {
                    if (req.path().rawPath().equals("/health")) {
                        res.status(healthy ? 200 : 503).send();
                    } else {
                        res.status(failing ? 500 : 200).send(name);
                    }
                })).build().start();
    }

    int port() {
        return server.port();
    }

    /** {@code HOST:PORT}, as {@link TestManifests} takes endpoints. */
    String authority() {
        return host + ":" + server.port();
    }

    /** The server URL Switchyard builds for this backend. */
    String url() {
        return "http://" + authority();
    }

    /** Whether this backend's server is UP in the load balancer of {@code switchyard} serving it. */
    boolean up(Switchyard switchyard) {
        String service = switchyard.runtime().loadBalancers().stream()
                .filter(lb -> lb.servers().containsKey(url())).findFirst().orElseThrow().service();
        return switchyard.runtime().states().find(service, url()).orElseThrow().up();
    }

    @Override
    public void close() {
        server.stop();
    }
}
