package io.switchyard.domain.rule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as the data plane would present it to rules: the host canonicalised, the path
 * normalised (sanitising on) and turned into the routing path, exactly as {@link RequestPaths}
 * prescribes.
 */
record TestRequest(String method, String host, String path, Map<String, List<String>> headers, String rawQuery,
                   String clientIp) implements RequestFacts {

    /** {@code GET target} with {@code Host: hostHeader}; {@code target} is a raw path with an optional query. */
    static TestRequest get(String hostHeader, String target) {
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        String path = RequestPaths.routingPath(RequestPaths.normalize(rawPath, true));
        return new TestRequest("GET", RequestPaths.canonicalHost(hostHeader), path, Map.of(), rawQuery, "192.0.2.1");
    }

    TestRequest withMethod(String m) {
        return new TestRequest(m, host, path, headers, rawQuery, clientIp);
    }

    TestRequest withPeer(String ip) {
        return new TestRequest(method, host, path, headers, rawQuery, ip);
    }

    /** Adds one value line of {@code name}. */
    TestRequest withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        return new TestRequest(method, host, path, copy, rawQuery, clientIp);
    }

    @Override
    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
