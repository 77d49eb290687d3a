package io.switchyard.ports.runtime;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import java.util.ArrayList;
import java.util.List;

/** One request on its way through the service tree. */
final class Call {
    final Exchange exchange;
    final RequestView view;
    final String path;
    final HttpFields headers;
    final String authority;
    private List<String> setCookies;
    /** Whether the last pick honoured a sticky cookie (decides load tracking). */
    boolean stickyRouted;
    /** What the request ran into, for observers. */
    String router = "";
    String service = "";
    String serverUrl = "";
    int status;

    Call(Exchange exchange, RequestView view, String path, HttpFields headers, String authority) {
        this.exchange = exchange;
        this.view = view;
        this.path = path;
        this.headers = headers;
        this.authority = authority;
    }

    /** Records the status sent to the client; returns this call. */
    Call answered(int status) {
        this.status = status;
        return this;
    }

    /** Adds a {@code Set-Cookie} value to send before the backend's own headers. */
    void addSetCookie(String value) {
        if (setCookies == null) {
            setCookies = new ArrayList<>(1);
        }
        setCookies.add(value);
    }

    /** The response headers to send: our cookies first, then {@code backend}'s fields. */
    HttpFields responseHeaders(HttpFields backend) {
        if (setCookies == null) {
            return backend;
        }
        HttpFields out = new HttpFields(backend.size() + setCookies.size());
        for (String c : setCookies) {
            out.add("Set-Cookie", c);
        }
        backend.forEach(out::add);
        return out;
    }
}
