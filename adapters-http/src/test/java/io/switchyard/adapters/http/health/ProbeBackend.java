package io.switchyard.adapters.http.health;

import io.helidon.common.tls.Tls;
import io.helidon.http.Header;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Helidon backend for probe tests (HTTP/1.1, h2c, or TLS with ALPN h2): every request is
 * recorded, then answered by a handler the test can switch at any time.
 */
final class ProbeBackend implements AutoCloseable {

    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(ServerRequest req, ServerResponse res) throws Exception;
    }

    /**
     * One request as the backend saw it.
     *
     * @param headers field names lower-cased, values joined with {@code ", "}
     */
    record Seen(String method, String target, String protocol, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    static final Handler OK = (req, res) -> res.send("ok");

    private final WebServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Handler handler = OK;

    private ProbeBackend(Tls tls) {
        WebServerConfig.Builder b = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false);
        if (tls != null) {
            b.tls(tls);
        }
        server = b.routing(r -> r.any((req, res) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header h : req.headers()) {
                headers.merge(h.name().toLowerCase(Locale.ROOT), String.join(", ", h.allValues()),
                        (a, c) -> a + ", " + c);
            }
            String query = req.prologue().query().rawValue();
            seen.add(new Seen(req.prologue().method().text(),
                    req.prologue().uriPath().rawPath() + (query.isEmpty() ? "" : "?" + query),
                    req.prologue().protocol() + "/" + req.prologue().protocolVersion(), headers));
            try {
                handler.handle(req, res);
            } catch (Exception e) {
                res.status(599).send(e.toString());
            }
        })).build().start();
    }

    /** A plain backend (HTTP/1.1 and h2c). */
    static ProbeBackend plain() {
        return new ProbeBackend(null);
    }

    /** A TLS backend. */
    static ProbeBackend tls(Tls tls) {
        return new ProbeBackend(tls);
    }

    int port() {
        return server.port();
    }

    void handler(Handler handler) {
        this.handler = handler;
    }

    List<Seen> seen() {
        return seen;
    }

    /** Back to answering 200 and forgets what it saw. */
    void reset() {
        handler = OK;
        seen.clear();
    }

    @Override
    public void close() {
        server.stop();
    }
}
