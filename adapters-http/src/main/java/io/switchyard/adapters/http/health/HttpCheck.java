package io.switchyard.adapters.http.health;

import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.HttpTokens;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.health.ProbeResult;
import io.switchyard.ports.upstream.Upstream;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP probe (spec: healthcheck.md §3.4): request built from the check, sent through the
 * service's transport, redirects followed like Go's client (at most 10), status judged by the
 * check's rule. The response body is never read.
 */
final class HttpCheck {
    /** Go's {@code defaultCheckRedirect}: the 10th redirect response is an error. */
    static final int MAX_REDIRECTS = 10;
    /** Dropped when a redirect leaves the original host (Go's {@code shouldCopyHeaderOnRedirect}). */
    private static final Set<String> SENSITIVE = Set.of("authorization", "www-authenticate", "cookie", "cookie2");

    private HttpCheck() {
    }

    static ProbeResult run(Upstream upstream, ServerAddress server, HealthCheckConfig check, String transportName,
                           ServersTransportConfig transport) {
        ProbeUrl url;
        try {
            url = ProbeUrl.of(server, check.path(), check.scheme(), check.port());
        } catch (IllegalArgumentException e) {
            return ProbeResult.unhealthy(e.getMessage());
        }
        String method = check.method().isEmpty() ? "GET" : check.method();
        if (!HttpTokens.isToken(method)) {
            return ProbeResult.unhealthy("invalid method \"" + method + "\"");
        }
        boolean follow = check.followRedirects().orElse(true);
        ProbeUrl first = url;
        String host = check.hostname().isEmpty() ? null : check.hostname();
        String referer = null;
        for (int sent = 1; ; sent++) {
            int status;
            String location;
            try (UpstreamResponse response = upstream.exchange(new UpstreamRequest(url.address(), transportName,
                    transport, method, url.target(), headers(check, first, url, host, referer), InputStream.nullInputStream(),
                    0))) {
                status = response.status();
                location = response.headers().first("Location");
            } catch (UpstreamException | IllegalArgumentException e) {
                return ProbeResult.unhealthy(url + ": " + e.getMessage());
            }
            if (!follow || !redirect(status) || location == null || location.isEmpty()) {
                return judge(url, status, check.status());
            }
            if (sent >= MAX_REDIRECTS) {
                return ProbeResult.unhealthy(url + ": stopped after " + MAX_REDIRECTS + " redirects");
            }
            ProbeUrl next;
            try {
                next = url.resolve(location);
            } catch (IllegalArgumentException e) {
                return ProbeResult.unhealthy(url + ": failed to parse Location header \"" + location + "\": "
                        + e.getMessage());
            }
            if (status <= 303 && !method.equals("GET") && !method.equals("HEAD")) {
                method = "GET";
            }
            // Go keeps a custom Host through a redirect only to a relative location
            host = host != null && !host.equals(url.authority()) && !ProbeUrl.absolute(location) ? host : null;
            referer = url.scheme().equals("https") && !next.scheme().equals("https") ? null : url.toString();
            url = next;
        }
    }

    private static boolean redirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The status rule of spec §3.2: 0 ⇒ 200–399, otherwise exactly the configured status. */
    static ProbeResult judge(ProbeUrl url, int status, int expected) {
        boolean healthy = expected == 0 ? status >= 200 && status <= 399 : status == expected;
        String rule = expected == 0 ? "200-399" : Integer.toString(expected);
        return new ProbeResult(healthy, url + ": status " + status + (healthy ? "" : " (expected " + rule + ")"));
    }

    private static HttpFields headers(HealthCheckConfig check, ProbeUrl first, ProbeUrl url, String host,
                                      String referer) {
        HttpFields h = new HttpFields(check.headers().size() + 2);
        h.add("Host", host != null ? host : url.authority());
        boolean sameDomain = url == first || sameOrSubdomain(url.hostName(), first.hostName());
        List<Map.Entry<String, String>> extra = new ArrayList<>();
        check.headers().forEach((k, v) -> extra.add(Map.entry(canonicalKey(k), v)));
        extra.sort(Map.Entry.comparingByKey()); // Go writes header fields sorted by key
        for (Map.Entry<String, String> e : extra) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (lower.equals("host") || !sameDomain && SENSITIVE.contains(lower)) {
                continue; // Go ignores a Host header field: the hostname option sets it
            }
            h.set(e.getKey(), e.getValue());
        }
        if (referer != null && !h.contains("Referer")) {
            h.add("Referer", referer);
        }
        return h;
    }

    private static boolean sameOrSubdomain(String host, String original) {
        return host.equals(original) || host.endsWith("." + original);
    }

    /** Go's {@code textproto.CanonicalMIMEHeaderKey}. */
    static String canonicalKey(String key) {
        if (!HttpTokens.isToken(key, 0, key.length())) {
            return key;
        }
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = true;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }
}
