package io.switchyard.server.admin;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.switchyard.ports.runtime.RoutingRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Binds the admin endpoints to Helidon: health, metrics, the API and the dashboard's files. */
final class AdminRouting {
    private static final String DASHBOARD = "/io/switchyard/server/admin/dashboard/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private AdminRouting() {
    }

    static HttpRouting.Builder routing(RoutingRuntime runtime, AdminApi api, MetricsPage metrics) {
        Map<String, Reply> files = new HashMap<>();
        FILES.forEach((file, type) -> files.put(file, new Reply(200, type, Map.of("Cache-Control", "no-cache"),
                resource(DASHBOARD + file))));
        HttpRouting.Builder r = HttpRouting.builder();
        // Traefik's liveness check: 200 OK as long as the process serves.
        r.route(Method.GET, "/ping", (req, res) -> send(res, Reply.text(200, "OK")));
        r.route(Method.HEAD, "/ping", (req, res) -> send(res, Reply.text(200, "OK")));
        r.get("/ready", (req, res) -> send(res, runtime.ready() ? Reply.text(200, "OK")
                : Reply.text(503, "not ready: waiting for the first configuration")));
        r.get("/metrics", (req, res) -> send(res, new Reply(200, PrometheusText.CONTENT_TYPE, Map.of(),
                metrics.render().getBytes(StandardCharsets.UTF_8))));
        r.get("/api/rawdata", (req, res) -> send(res, api.rawdata()));
        r.get("/api/overview", (req, res) -> send(res, api.overview()));
        r.get("/api/version", (req, res) -> send(res, api.version()));
        r.get("/api/entrypoints", (req, res) -> send(res, api.entryPoints(query(req))));
        r.get("/api/entrypoints/{name}", (req, res) -> send(res, api.entryPoint(param(req))));
        r.get("/api/http/routers", (req, res) -> send(res, api.routers(query(req))));
        r.get("/api/http/routers/{name}", (req, res) -> send(res, api.router(param(req))));
        r.get("/api/http/services", (req, res) -> send(res, api.services(query(req))));
        r.get("/api/http/services/{name}", (req, res) -> send(res, api.service(param(req))));
        r.get("/api/diagnostics", (req, res) -> send(res, api.diagnostics()));
        r.get("/api/explain", (req, res) -> send(res, api.explain(query(req),
                name -> req.query().all(name, List::of))));
        r.get("/api/stats", (req, res) -> send(res, api.stats()));
        r.get("/", (req, res) -> redirect(res));
        r.get("/dashboard", (req, res) -> redirect(res));
        r.get("/dashboard/", (req, res) -> send(res, files.get("index.html")));
        r.get("/dashboard/{file}", (req, res) -> {
            Reply file = files.get(req.path().pathParameters().get("file"));
            send(res, file != null ? file : Reply.text(404, "404 page not found\n"));
        });
        return r;
    }

    private static Function<String, Optional<String>> query(ServerRequest req) {
        return name -> req.query().contains(name) ? Optional.of(req.query().get(name)) : Optional.empty();
    }

    private static String param(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }

    private static void redirect(ServerResponse res) {
        res.status(Status.FOUND_302);
        res.header(HeaderNames.LOCATION, "/dashboard/");
        res.send();
    }

    private static void send(ServerResponse res, Reply reply) {
        res.status(Status.create(reply.status()));
        res.header(HeaderNames.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(res::header);
        res.send(reply.body());
    }

    private static byte[] resource(String path) {
        try (InputStream in = AdminRouting.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource missing: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
