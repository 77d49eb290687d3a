package io.switchyard.ports.runtime;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.rule.RequestFacts;
import java.util.List;

/** The facts rules look at, computed once per request from the exchange. */
final class RequestView implements RequestFacts {
    private final String method;
    private final String host;
    private final String path;
    private final HttpFields headers;
    private final String rawQuery;
    private final String clientIp;

    RequestView(String method, String host, String path, HttpFields headers, String rawQuery, String clientIp) {
        this.method = method;
        this.host = host;
        this.path = path;
        this.headers = headers;
        this.rawQuery = rawQuery;
        this.clientIp = clientIp;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public List<String> header(String name) {
        return headers.all(name);
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public String clientIp() {
        return clientIp;
    }
}
