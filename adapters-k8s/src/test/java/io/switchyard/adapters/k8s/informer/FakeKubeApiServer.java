package io.switchyard.adapters.k8s.informer;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An in-process Kubernetes API server for informer tests: JDK {@code HttpServer} on 127.0.0.1,
 * Gson for JSON. It serves what the official client's informers use — LIST, and WATCH as chunked
 * newline-delimited JSON — plus GET, POST, PUT and DELETE of single objects, with one global
 * resourceVersion counter. A watch from a resourceVersion replays the history after it (so nothing
 * written between a LIST and its WATCH is lost); a resourceVersion older than the last
 * {@link #compact()} gets a 410 Gone ERROR event. Label selectors ({@code k=v}, {@code k!=v},
 * {@code k}, {@code !k}, comma-joined) are honoured on LIST and WATCH.
 *
 * <p>Hooks for failure tests: {@link #closeAllWatches()} (clean end of every stream, as at a watch
 * timeout), {@link #dropAllWatches()} (connections cut mid-stream), {@link #stop()} and
 * {@link #restart()} (the server gone and back on the same port, store kept), {@link #fault} (answer
 * matching requests with an error status). Every request is recorded for assertions.
 *
 * <p>Not covered: TLS, authentication (an Authorization header is recorded, not checked),
 * pagination, field selectors, PATCH, subresources, admission and schema validation.
 */
final class FakeKubeApiServer implements AutoCloseable {
    /** A resource the server serves. */
    record Resource(String group, String version, String plural, String kind, boolean namespaced) {
        String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        boolean core() {
            return group.isEmpty() || group.equals("discovery.k8s.io");
        }

        static Resource of(WatchedResource r) {
            return new Resource(r.group(), r.version(), r.resource(), r.kind(), r.namespaced());
        }
    }

    /** One request as received. */
    record Request(String method, String path, Map<String, String> query, Optional<String> authorization) {
        boolean watch() {
            return "true".equals(query.get("watch")) || "1".equals(query.get("watch"));
        }

        /** A LIST (collection GET without watch) of this plural. */
        boolean isList(String plural) {
            return method.equals("GET") && !watch() && path.endsWith("/" + plural);
        }

        boolean isWatch(String plural) {
            return method.equals("GET") && watch() && path.endsWith("/" + plural);
        }
    }

    /** A canned answer. */
    record Answer(int status, String body) {
    }

    private record Event(long rv, String type, Resource resource, JsonObject oldObject, JsonObject newObject) {
    }

    private static final Object CLOSE = new Object();
    private static final Object DROP = new Object();

    private final class OpenWatch {
        final Resource resource;
        final String namespace;
        final String selector;
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        OpenWatch(Resource resource, String namespace, String selector) {
            this.resource = resource;
            this.namespace = namespace;
            this.selector = selector;
        }

        void offer(Event e) {
            if (!e.resource.equals(resource)) {
                return;
            }
            JsonObject subject = e.newObject != null ? e.newObject : e.oldObject;
            if (!namespace.isEmpty() && !namespace.equals(namespaceOf(subject))) {
                return;
            }
            boolean before = e.oldObject != null && matches(selector, e.oldObject);
            boolean after = e.newObject != null && matches(selector, e.newObject);
            if (e.type.equals("DELETED")) {
                if (before) {
                    queue.add(line("DELETED", e.newObject != null ? e.newObject : e.oldObject));
                }
            } else if (after) {
                queue.add(line(before ? "MODIFIED" : "ADDED", e.newObject));
            } else if (before) {
                queue.add(line("DELETED", e.newObject));
            }
        }
    }

    private static final Gson GSON = new Gson();

    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<Resource, Map<String, JsonObject>> store = new LinkedHashMap<>();
    private final List<Event> history = new ArrayList<>();
    private final List<OpenWatch> watches = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Optional<Answer>> fault = r -> Optional.empty();
    private long resourceVersion = 100;
    private long compactedAt = 0;
    private HttpServer server;
    private ExecutorService executor;
    private int port;

    /** A server serving every resource the Kubernetes source watches, plus namespaces. */
    FakeKubeApiServer() {
        for (WatchedResource r : WatchedResource.ALL) {
            register(Resource.of(r));
        }
        register(new Resource("", "v1", "namespaces", "Namespace", false));
    }

    FakeKubeApiServer register(Resource resource) {
        synchronized (this) {
            resources.put(resource.apiVersion() + "/" + resource.plural(), resource);
            store.putIfAbsent(resource, new TreeMap<>());
        }
        return this;
    }

    /** Starts on an ephemeral port. */
    FakeKubeApiServer start() {
        bind(0);
        return this;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Goes away: the port refuses connections, open watches are cut. The store is kept. */
    void stop() {
        dropAllWatches();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Comes back on the same port. */
    void restart() {
        bind(port);
    }

    @Override
    public void close() {
        dropAllWatches();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void bind(int wanted) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind 127.0.0.1:" + wanted, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    // ---- test hooks ------------------------------------------------------------------------------

    /** Forgets every object, the history and the request log; ends open watches. */
    void reset() {
        dropAllWatches();
        synchronized (this) {
            store.values().forEach(Map::clear);
            history.clear();
            compactedAt = resourceVersion;
        }
        requests.clear();
        fault = r -> Optional.empty();
    }

    /** Ends every watch stream cleanly, as a server does at a watch timeout. */
    void closeAllWatches() {
        for (OpenWatch w : watches) {
            w.queue.add(CLOSE);
        }
    }

    /** Cuts every watch connection mid-stream. */
    void dropAllWatches() {
        for (OpenWatch w : watches) {
            w.queue.add(DROP);
        }
    }

    /**
     * Forgets the history, as etcd compaction does after writes the informers never saw (Events,
     * Leases): every watch resuming from a resourceVersion before now gets 410 Gone.
     */
    synchronized void compact() {
        history.clear();
        resourceVersion++;
        compactedAt = resourceVersion;
    }

    /** Answers requests for which {@code rule} returns an answer with that answer instead. */
    void fault(Function<Request, Optional<Answer>> rule) {
        this.fault = rule;
    }

    void clearFault() {
        this.fault = r -> Optional.empty();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many LISTs of {@code plural} were served or attempted. */
    long lists(String plural) {
        return requests.stream().filter(r -> r.isList(plural)).count();
    }

    /** How many watches on {@code plural} are open now. */
    long openWatches(String plural) {
        return watches.stream().filter(w -> w.resource.plural().equals(plural)).count();
    }

    long watchRequests(String plural) {
        return requests.stream().filter(r -> r.isWatch(plural)).count();
    }

    /** Creates or replaces an object (given as JSON text) as a write through the API would. */
    JsonObject apply(String json) {
        JsonObject object = JsonParser.parseString(json).getAsJsonObject();
        Resource resource = resourceOfObject(object);
        synchronized (this) {
            String key = key(resource, object);
            JsonObject old = store.get(resource).get(key);
            return write(resource, old, object, old == null ? "ADDED" : "MODIFIED");
        }
    }

    /** Deletes an object; true when it existed. */
    boolean delete(WatchedResource r, String namespace, String name) {
        Resource resource = Resource.of(r);
        synchronized (this) {
            JsonObject old = store.get(resource).get(r.namespaced() ? namespace + "/" + name : name);
            if (old == null) {
                return false;
            }
            remove(resource, old);
            return true;
        }
    }

    // ---- the store -------------------------------------------------------------------------------

    private Resource resourceOfObject(JsonObject object) {
        String apiVersion = object.get("apiVersion").getAsString();
        String kind = object.get("kind").getAsString();
        synchronized (this) {
            for (Resource r : resources.values()) {
                if (r.apiVersion().equals(apiVersion) && r.kind().equals(kind)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("not served: " + apiVersion + " " + kind);
    }

    private static String namespaceOf(JsonObject object) {
        JsonObject meta = object.getAsJsonObject("metadata");
        return meta.has("namespace") ? meta.get("namespace").getAsString() : "";
    }

    private static String key(Resource resource, JsonObject object) {
        JsonObject meta = object.getAsJsonObject("metadata");
        String name = meta.get("name").getAsString();
        return resource.namespaced() ? namespaceOf(object) + "/" + name : name;
    }

    /** Stamps and stores; the caller holds the lock. */
    private JsonObject write(Resource resource, JsonObject old, JsonObject object, String type) {
        JsonObject stored = object.deepCopy();
        stored.addProperty("apiVersion", resource.apiVersion());
        stored.addProperty("kind", resource.kind());
        JsonObject meta = stored.getAsJsonObject("metadata");
        if (resource.namespaced() && !meta.has("namespace")) {
            meta.addProperty("namespace", "default");
        }
        if (!resource.namespaced()) {
            meta.remove("namespace");
        }
        long rv = ++resourceVersion;
        meta.addProperty("resourceVersion", Long.toString(rv));
        JsonObject oldMeta = old == null ? null : old.getAsJsonObject("metadata");
        meta.addProperty("uid", oldMeta != null ? oldMeta.get("uid").getAsString() : UUID.randomUUID().toString());
        if (!meta.has("creationTimestamp")) {
            meta.addProperty("creationTimestamp", oldMeta != null ? oldMeta.get("creationTimestamp").getAsString()
                    : Instant.ofEpochSecond(1_700_000_000L + rv).toString());
        }
        long generation = oldMeta == null ? 1 : oldMeta.get("generation").getAsLong();
        if (old != null && !String.valueOf(old.get("spec")).equals(String.valueOf(stored.get("spec")))) {
            generation++;
        }
        meta.addProperty("generation", generation);
        store.get(resource).put(key(resource, stored), stored);
        publish(new Event(rv, type, resource, old, stored));
        return stored.deepCopy();
    }

    private void remove(Resource resource, JsonObject old) {
        store.get(resource).remove(key(resource, old));
        long rv = ++resourceVersion;
        JsonObject gone = old.deepCopy();
        gone.getAsJsonObject("metadata").addProperty("resourceVersion", Long.toString(rv));
        publish(new Event(rv, "DELETED", resource, old, gone));
    }

    private void publish(Event e) {
        history.add(e);
        for (OpenWatch w : watches) {
            w.offer(e);
        }
    }

    // ---- HTTP ------------------------------------------------------------------------------------

    private record Target(Resource resource, String namespace, String name) {
    }

    /** Thrown out of a watch to cut its connection; the exchange must then not be closed cleanly. */
    private static final class WatchDropped extends IOException {
        private static final long serialVersionUID = 1L;

        WatchDropped() {
            super("watch dropped by the test");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean dropped = false;
        try {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
            requests.add(request);
            Optional<Answer> injected = fault.apply(request);
            if (injected.isPresent()) {
                send(exchange, injected.get().status(), injected.get().body());
                return;
            }
            Optional<Target> target = target(request.path());
            if (target.isEmpty()) {
                send(exchange, 404, status(404, "NotFound", "the server could not find the requested resource"));
                return;
            }
            Target t = target.get();
            switch (request.method()) {
                case "GET" -> {
                    if (t.name().isEmpty() && request.watch()) {
                        watch(exchange, t, request);
                    } else if (t.name().isEmpty()) {
                        list(exchange, t, request.query().getOrDefault("labelSelector", ""));
                    } else {
                        get(exchange, t);
                    }
                }
                case "POST" -> create(exchange, t);
                case "PUT" -> replace(exchange, t);
                case "DELETE" -> delete(exchange, t);
                default -> send(exchange, 405, status(405, "MethodNotAllowed", request.method()));
            }
        } catch (WatchDropped e) {
            dropped = true;
            throw e;
        } finally {
            if (!dropped) {
                exchange.close();
            }
        }
    }

    private Optional<Target> target(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        int i;
        String apiVersion;
        if (parts.length >= 2 && parts[0].equals("api")) {
            apiVersion = parts[1];
            i = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            apiVersion = parts[1] + "/" + parts[2];
            i = 3;
        } else {
            return Optional.empty();
        }
        String namespace = "";
        if (parts.length > i + 2 && parts[i].equals("namespaces")) {
            namespace = parts[i + 1];
            i += 2;
        }
        if (parts.length <= i) {
            return Optional.empty();
        }
        Resource resource;
        synchronized (this) {
            resource = resources.get(apiVersion + "/" + parts[i]);
        }
        if (resource == null || parts.length > i + 2) {
            return Optional.empty();
        }
        return Optional.of(new Target(resource, namespace, parts.length == i + 2 ? parts[i + 1] : ""));
    }

    private void list(HttpExchange exchange, Target t, String selector) throws IOException {
        JsonObject body = new JsonObject();
        JsonArray items = new JsonArray();
        synchronized (this) {
            for (JsonObject o : store.get(t.resource()).values()) {
                if ((t.namespace().isEmpty() || t.namespace().equals(namespaceOf(o))) && matches(selector, o)) {
                    JsonObject item = o.deepCopy();
                    if (t.resource().core()) {
                        // The real server leaves these out of LIST items of built-in kinds.
                        item.remove("apiVersion");
                        item.remove("kind");
                    }
                    items.add(item);
                }
            }
            body.addProperty("apiVersion", t.resource().apiVersion());
            body.addProperty("kind", t.resource().kind() + "List");
            JsonObject meta = new JsonObject();
            meta.addProperty("resourceVersion", Long.toString(resourceVersion));
            body.add("metadata", meta);
        }
        body.add("items", items);
        send(exchange, 200, body.toString());
    }

    private void get(HttpExchange exchange, Target t) throws IOException {
        JsonObject o;
        synchronized (this) {
            o = store.get(t.resource()).get(t.resource().namespaced() ? t.namespace() + "/" + t.name() : t.name());
        }
        if (o == null) {
            send(exchange, 404, status(404, "NotFound", t.resource().plural() + " \"" + t.name() + "\" not found"));
        } else {
            send(exchange, 200, o.toString());
        }
    }

    private void create(HttpExchange exchange, Target t) throws IOException {
        JsonObject object = body(exchange, t);
        JsonObject stored;
        synchronized (this) {
            if (store.get(t.resource()).containsKey(key(t.resource(), object))) {
                send(exchange, 409, status(409, "AlreadyExists", "already exists"));
                return;
            }
            stored = write(t.resource(), null, object, "ADDED");
        }
        send(exchange, 201, stored.toString());
    }

    private void replace(HttpExchange exchange, Target t) throws IOException {
        JsonObject object = body(exchange, t);
        JsonObject stored;
        synchronized (this) {
            JsonObject old = store.get(t.resource()).get(key(t.resource(), object));
            if (old == null) {
                send(exchange, 404, status(404, "NotFound", "not found"));
                return;
            }
            JsonElement rv = object.getAsJsonObject("metadata").get("resourceVersion");
            if (rv != null && !rv.getAsString().equals(
                    old.getAsJsonObject("metadata").get("resourceVersion").getAsString())) {
                send(exchange, 409, status(409, "Conflict", "the object has been modified"));
                return;
            }
            stored = write(t.resource(), old, object, "MODIFIED");
        }
        send(exchange, 200, stored.toString());
    }

    private void delete(HttpExchange exchange, Target t) throws IOException {
        JsonObject old;
        synchronized (this) {
            old = store.get(t.resource()).get(t.resource().namespaced() ? t.namespace() + "/" + t.name() : t.name());
            if (old != null) {
                remove(t.resource(), old);
            }
        }
        if (old == null) {
            send(exchange, 404, status(404, "NotFound", "not found"));
        } else {
            send(exchange, 200, old.toString());
        }
    }

    private static JsonObject body(HttpExchange exchange, Target t) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonObject object = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            if (t.resource().namespaced() && !t.namespace().isEmpty()) {
                object.getAsJsonObject("metadata").addProperty("namespace", t.namespace());
            }
            return object;
        }
    }

    private void watch(HttpExchange exchange, Target t, Request request) throws IOException {
        String from = request.query().getOrDefault("resourceVersion", "");
        String selector = request.query().getOrDefault("labelSelector", "");
        long timeoutSeconds = Long.parseLong(request.query().getOrDefault("timeoutSeconds", "1800"));
        OpenWatch watch = new OpenWatch(t.resource(), t.namespace(), selector);
        List<String> replay = new ArrayList<>();
        boolean gone = false;
        synchronized (this) {
            if (from.isEmpty() || from.equals("0")) {
                for (JsonObject o : store.get(t.resource()).values()) {
                    if ((t.namespace().isEmpty() || t.namespace().equals(namespaceOf(o))) && matches(selector, o)) {
                        replay.add(line("ADDED", o));
                    }
                }
            } else if (Long.parseLong(from) < compactedAt) {
                gone = true;
            } else {
                long since = Long.parseLong(from);
                OpenWatch replayer = new OpenWatch(t.resource(), t.namespace(), selector);
                for (Event e : history) {
                    if (e.rv > since) {
                        replayer.offer(e);
                    }
                }
                replayer.queue.forEach(o -> replay.add((String) o));
            }
            if (!gone) {
                watches.add(watch);
            }
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            if (gone) {
                JsonObject event = new JsonObject();
                event.addProperty("type", "ERROR");
                event.add("object", JsonParser.parseString(status(410, "Expired",
                        "too old resource version: " + from + " (" + compactedAt + ")")));
                out.write((event + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            for (String line : replay) {
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                Object next = watch.queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null || next == CLOSE) {
                    return;
                }
                if (next == DROP) {
                    // Throwing after the headers makes HttpServer close the connection without the
                    // final chunk: the client sees the stream break.
                    throw new WatchDropped();
                }
                out.write(((String) next).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            watches.remove(watch);
        }
    }

    private static String line(String type, JsonObject object) {
        JsonObject event = new JsonObject();
        event.addProperty("type", type);
        event.add("object", object);
        return event + "\n";
    }

    private static boolean matches(String selector, JsonObject object) {
        if (selector.isBlank()) {
            return true;
        }
        JsonObject meta = object.getAsJsonObject("metadata");
        Map<String, String> labels = new LinkedHashMap<>();
        if (meta.has("labels")) {
            meta.getAsJsonObject("labels").entrySet().forEach(e -> labels.put(e.getKey(), e.getValue().getAsString()));
        }
        for (String part : selector.split(",")) {
            String p = part.strip();
            if (p.contains("!=")) {
                String[] kv = p.split("!=", 2);
                if (kv[1].strip().equals(labels.get(kv[0].strip()))) {
                    return false;
                }
            } else if (p.contains("=")) {
                String[] kv = p.split("==?", 2);
                if (!kv[1].strip().equals(labels.get(kv[0].strip()))) {
                    return false;
                }
            } else if (p.startsWith("!")) {
                if (labels.containsKey(p.substring(1).strip())) {
                    return false;
                }
            } else if (!labels.containsKey(p)) {
                return false;
            }
        }
        return true;
    }

    private static String status(int code, String reason, String message) {
        JsonObject s = new JsonObject();
        s.addProperty("kind", "Status");
        s.addProperty("apiVersion", "v1");
        s.add("metadata", new JsonObject());
        s.addProperty("status", "Failure");
        s.addProperty("message", message);
        s.addProperty("reason", reason);
        s.addProperty("code", code);
        return GSON.toJson(s);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
