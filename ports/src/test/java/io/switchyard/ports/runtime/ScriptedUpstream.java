package io.switchyard.ports.runtime;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.upstream.Upstream;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An upstream that answers per server authority with a scripted response and records every request
 * (with its body read in full), from whatever thread it arrives on.
 */
final class ScriptedUpstream implements Upstream {
    /** One request as the server saw it. */
    record Seen(String authority, String method, String target, HttpFields headers, byte[] body, long length,
                InputStream bodyStream) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer. */
    record Answer(int status, HttpFields headers, String body, HttpFields trailers) {
        static Answer of(int status, String body) {
            return new Answer(status, new HttpFields(), body, new HttpFields());
        }

        Answer header(String name, String value) {
            headers.add(name, value);
            return this;
        }
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Seen, Answer>> scripts = new ConcurrentHashMap<>();

    /** Scripts the server at {@code authority} ({@code host:port}). */
    ScriptedUpstream on(String authority, Function<Seen, Answer> script) {
        scripts.put(authority, script);
        return this;
    }

    ScriptedUpstream on(String authority, int status, String body) {
        return on(authority, s -> Answer.of(status, body));
    }

    List<Seen> seenBy(String authority) {
        return seen.stream().filter(s -> s.authority().equals(authority)).toList();
    }

    @Override
    public UpstreamResponse exchange(UpstreamRequest request) {
        byte[] body;
        try {
            body = request.body().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String authority = request.server().authority();
        Seen s = new Seen(authority, request.method(), request.target(), HttpFields.copyOf(request.headers()), body,
                request.contentLength(), request.body());
        seen.add(s);
        Function<Seen, Answer> script = scripts.get(authority);
        if (script == null) {
            throw new UpstreamException(UpstreamException.Failure.CONNECT, "connection refused: " + authority);
        }
        Answer a = script.apply(s);
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        return new UpstreamResponse() {
            @Override
            public int status() {
                return a.status();
            }

            @Override
            public HttpFields headers() {
                return HttpFields.copyOf(a.headers());
            }

            @Override
            public long contentLength() {
                return a.trailers().size() > 0 ? -1 : bytes.length;
            }

            @Override
            public InputStream body() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public HttpFields trailers() {
                return a.trailers();
            }

            @Override
            public void close() {
            }
        };
    }
}
