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

    /**
     * The same request sent through {@code exchange} with {@code headers}, for one branch of a
     * mirroring or failover service: it carries the cookies set so far and the router, and what it
     * adds stays its own (a discarded failover attempt takes its cookies with it).
     */
    Call fork(Exchange exchange, HttpFields headers) {
        Call branch = new Call(exchange, view, path, headers, authority);
        if (setCookies != null) {
            branch.setCookies = new ArrayList<>(setCookies);
        }
        branch.router = router;
        return branch;
    }

    /** Takes over what {@code branch} ran into, for observers. */
    void adopt(Call branch) {
        service = branch.service;
        serverUrl = branch.serverUrl;
        status = branch.status;
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

    /** Withdraws a {@code Set-Cookie} value added earlier (the request moved to another server). */
    void removeSetCookie(String value) {
        if (setCookies != null) {
            setCookies.remove(value);
        }
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
