package io.switchyard.server.demo;

import io.helidon.http.Header;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Backends that answer every request with their own name, the request line and the headers they
 * received (like the well-known {@code whoami} image), so a newcomer can see routing and load
 * balancing with {@code curl}. Used by {@code run --demo} and by tests.
 */
public final class DemoBackends implements AutoCloseable {
    /** Where the committed demo manifests ({@code examples/demo}) expect the backends. */
    public static final List<Integer> DEMO_PORTS = List.of(9101, 9102);

    private final List<WebServer> servers;

    private DemoBackends(List<WebServer> servers) {
        this.servers = servers;
    }

    /** Starts one backend per port on 127.0.0.1, named {@code demo-1}, {@code demo-2}, … */
    public static DemoBackends start(List<Integer> ports) {
        List<WebServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < ports.size(); i++) {
                servers.add(whoami("demo-" + (i + 1), ports.get(i)));
            }
        } catch (RuntimeException e) {
            servers.forEach(WebServer::stop);
            throw new IllegalStateException("demo backends: cannot listen on 127.0.0.1:" + ports
                    + " (is another demo running?): " + e.getMessage(), e);
        }
        return new DemoBackends(servers);
    }

    /** A single whoami backend on 127.0.0.1:{@code port} (0 = any free port). */
    public static WebServer whoami(String name, int port) {
        return whoami(name, "127.0.0.1", port);
    }

    /** A single whoami backend on {@code host}:{@code port} (0 = any free port). */
    public static WebServer whoami(String name, String host, int port) {
        return WebServer.builder()
                .host(host).port(port)
                .shutdownHook(false)
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().sendLog(false).receiveLog(false).build())
                .routing(r -> r.any((req, res) -> {
                    StringBuilder sb = new StringBuilder(256);
                    sb.append("Hostname: ").append(name).append('\n');
                    if (req.remotePeer().address() instanceof InetSocketAddress a) {
                        sb.append("RemoteAddr: ").append(a.getAddress().getHostAddress()).append(':')
                                .append(a.getPort()).append('\n');
                    }
                    String query = req.prologue().query().rawValue();
                    sb.append(req.prologue().method().text()).append(' ')
                            .append(req.prologue().uriPath().rawPath())
                            .append(query.isEmpty() ? "" : "?" + query).append(' ')
                            .append(req.prologue().protocol()).append('/')
                            .append(req.prologue().protocolVersion()).append('\n');
                    for (Header h : req.headers()) {
                        for (String v : h.allValues()) {
                            sb.append(h.name()).append(": ").append(v).append('\n');
                        }
                    }
                    if (req.content().hasEntity()) {
                        byte[] body = req.content().as(byte[].class);
                        sb.append('\n').append(new String(body, StandardCharsets.UTF_8));
                    }
                    res.header("Content-Type", "text/plain; charset=utf-8");
                    res.send(sb.toString().getBytes(StandardCharsets.UTF_8));
                }))
                .build()
                .start();
    }

    /** The ports the backends listen on. */
    public List<Integer> ports() {
        return servers.stream().map(WebServer::port).toList();
    }

    @Override
    public void close() {
        servers.forEach(WebServer::stop);
    }
}
