package io.switchyard.adapters.k8s.informer;

import io.kubernetes.client.openapi.ApiException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns the informers' failures into few, clear lines. Every LIST or WATCH failure is classified
 * into a problem with a key ("unreachable", "403 services", ...); a problem is reported once when it
 * starts, again only as a reminder every {@link #REMINDER} while it lasts, and its end is noted once
 * when every watch that had it works again. Retries in between stay silent. Benign events a watch
 * recovers from by itself (history expired, a cut connection) are noted at most once per
 * {@link #NOTICE_WINDOW} per kind.
 */
final class ApiHealth {
    /** How often a lasting problem is reported again. */
    static final Duration REMINDER = Duration.ofMinutes(5);
    /** The shortest gap between two notices of the same kind. */
    static final Duration NOTICE_WINDOW = Duration.ofMinutes(1);

    private record Problem(String key, String message) {
    }

    private final String server;
    private final Consumer<String> problems;
    private final Consumer<String> notices;
    private final InstantSource clock;
    /** Watch id → key of the problem it currently has. */
    private final Map<String, String> failing = new HashMap<>();
    /** Problem key → when it was last reported. */
    private final Map<String, Instant> reported = new HashMap<>();
    private final Map<String, Instant> noticed = new HashMap<>();
    private volatile boolean closed;

    /**
     * @param server   the API server URL, for messages
     * @param problems receives problem lines (the source's listener {@code onError})
     * @param notices  receives notices and recoveries (the log, at INFO)
     */
    ApiHealth(String server, Consumer<String> problems, Consumer<String> notices, InstantSource clock) {
        this.server = Objects.requireNonNull(server, "server");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Stops all reporting (failures caused by shutting down are not problems). */
    void close() {
        closed = true;
    }

    /** A LIST or WATCH of {@code watch} failed with {@code error}. */
    void failed(ResourceWatch watch, Throwable error) {
        if (closed) {
            return;
        }
        Problem problem = classify(watch, error);
        String line = null;
        synchronized (this) {
            failing.put(watch.id(), problem.key());
            Instant now = clock.instant();
            Instant last = reported.get(problem.key());
            if (last == null) {
                line = problem.message();
            } else if (!now.isBefore(last.plus(REMINDER))) {
                line = "still: " + problem.message();
            }
            if (line != null) {
                reported.put(problem.key(), now);
            }
        }
        if (line != null) {
            problems.accept(line);
        }
    }

    /** A LIST or WATCH of {@code watch} succeeded. */
    void succeeded(ResourceWatch watch) {
        String line = null;
        synchronized (this) {
            String key = failing.remove(watch.id());
            if (key == null) {
                return;
            }
            if (!failing.containsValue(key) && reported.remove(key) != null) {
                line = key.equals(UNREACHABLE)
                        ? "Kubernetes API server at " + server + " is reachable again; watches resumed"
                        : "resolved: " + watch.resource().qualifiedName() + " can be listed and watched again";
            }
        }
        if (line != null && !closed) {
            notices.accept(line);
        }
    }

    /** A watch on {@code watch} hit 410 Gone: its history expired, the informer re-lists. */
    void expired(ResourceWatch watch) {
        notice("410", "watch history on the API server expired (410 Gone, first seen on "
                + watch.resource().qualifiedName() + "); re-listing, the last good snapshot stays");
    }

    /** The stream of a watch on {@code watch} broke mid-way; the informer re-lists. */
    void cut(ResourceWatch watch, Throwable error) {
        notice("cut", "a watch on the Kubernetes API server was cut (" + watch.resource().qualifiedName() + ": "
                + rootMessage(error) + "); re-listing, the last good snapshot stays");
    }

    private void notice(String key, String line) {
        if (closed) {
            return;
        }
        synchronized (this) {
            Instant now = clock.instant();
            Instant last = noticed.get(key);
            if (last != null && now.isBefore(last.plus(NOTICE_WINDOW))) {
                return;
            }
            noticed.put(key, now);
        }
        notices.accept(line);
    }

    private static final String UNREACHABLE = "unreachable";

    private Problem classify(ResourceWatch watch, Throwable error) {
        String what = watch.resource().qualifiedName();
        String where = watch.namespace().isEmpty() ? "" : " in namespace " + watch.namespace();
        if (isConnectionProblem(error)) {
            return new Problem(UNREACHABLE, "cannot reach the Kubernetes API server at " + server + " ("
                    + rootMessage(error) + "); retrying, the last good snapshot stays");
        }
        ApiException api = find(error, ApiException.class);
        if (api != null && api.getCode() > 0) {
            int code = api.getCode();
            return switch (code) {
                case 401 -> new Problem("401", "the Kubernetes API server at " + server
                        + " rejected the credentials (401 Unauthorized); check the kubeconfig or the service"
                        + " account token; retrying");
                case 403 -> new Problem("403 " + what + where, "forbidden to list and watch " + what + where
                        + " (403); grant get, list and watch on it (deploy/rbac.yaml); retrying");
                case 404 -> new Problem("404 " + what, "the API server does not serve " + watch.resource().apiVersion()
                        + " " + watch.resource().resource() + " (404)"
                        + (watch.resource().custom() ? "; are Traefik's CRDs installed?" : "") + "; retrying");
                default -> new Problem(code + " " + what, "listing " + what + where + " failed: HTTP " + code
                        + statusMessage(api) + "; retrying, the last good snapshot stays");
            };
        }
        return new Problem("error " + what + " " + error.getClass().getName(), "watching " + what + where
                + " failed: " + rootMessage(error) + "; retrying, the last good snapshot stays");
    }

    private static String statusMessage(ApiException e) {
        String body = e.getResponseBody();
        if (body == null || body.isBlank()) {
            return "";
        }
        // A Status object's message is the useful part; fall back to a short body.
        int at = body.indexOf("\"message\"");
        if (at >= 0) {
            int start = body.indexOf('"', body.indexOf(':', at) + 1);
            int end = start < 0 ? -1 : body.indexOf('"', start + 1);
            if (start >= 0 && end > start) {
                return " (" + body.substring(start + 1, end) + ")";
            }
        }
        String text = body.strip();
        return " (" + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + ")";
    }

    /** An I/O failure with no HTTP status: the server could not be reached or went away. */
    static boolean isConnectionProblem(Throwable error) {
        ApiException api = find(error, ApiException.class);
        if (api != null && api.getCode() > 0) {
            return false;
        }
        return find(error, IOException.class) != null;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
