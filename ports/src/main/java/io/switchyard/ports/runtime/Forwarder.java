package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.Balancer;
import io.switchyard.domain.balance.Member;
import io.switchyard.domain.forward.ForwardedHeaders;
import io.switchyard.domain.forward.HopByHop;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.exchange.Exchange;
import io.switchyard.ports.upstream.Upstream;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Forwards one call to one server and relays the answer (spec: proxy.md §4.3, §4.6–4.8).
 */
final class Forwarder {
    private static final System.Logger LOG = System.getLogger(Forwarder.class.getName());
    /** Responses up to this size with a known length are relayed in one write. */
    static final int SMALL_BODY = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final Upstream upstream;
    private final PassiveChecks passive;
    private final boolean retryIdempotentOnce;
    private final FailureLog errors = new FailureLog(LOG, System::nanoTime);

    /** @param retryIdempotentOnce see {@link RuntimeSettings#retryIdempotentOnce()} */
    Forwarder(Upstream upstream, PassiveChecks passive, boolean retryIdempotentOnce) {
        this.upstream = upstream;
        this.passive = passive;
        this.retryIdempotentOnce = retryIdempotentOnce;
    }

    void forward(Call call, ServiceNode.LoadBalancer lb, Member member, Balancer.LoadTracking tracking) {
        Exchange ex = call.exchange;
        HttpFields out = call.headers;
        String upgrade = HopByHop.stripRequest(out);
        if (upgrade != null && !ex.upgradable()) {
            // the server adapter cannot hand this connection over (HTTP/2, or an upgrade type it
            // does not take): the request goes as a plain one and the backend answers it as such
            out.remove("Connection");
            out.remove("Upgrade");
            upgrade = null;
        } else if (upgrade != null) {
            if (!ProtocolSwitch.printable(upgrade)) {
                call.answered(500);
                ex.respond(500, call.responseHeaders(new HttpFields(0)),
                        UpstreamException.Failure.OTHER.text().getBytes(StandardCharsets.US_ASCII));
                return;
            }
            ProtocolSwitch.canonicalWebSocketNames(out);
        }
        ForwardedHeaders.appendForwardedFor(out, call.view.clientIp());
        send(call, lb, member, tracking, upgrade, retryIdempotentOnce);
    }

    /** Sends the prepared request to {@code member}; on a failure that allows it, once more to another server. */
    private void send(Call call, ServiceNode.LoadBalancer lb, Member member, Balancer.LoadTracking tracking,
                      String upgrade, boolean mayRetry) {
        Exchange ex = call.exchange;
        ServerAddress server = lb.addresses().get(member.name());
        call.serverUrl = member.name();
        HttpFields out = call.headers;
        out.set("Host", lb.passHostHeader() && !call.authority.isEmpty() ? call.authority : server.authority());
        String query = call.view.rawQuery();
        String target = query.isEmpty() ? call.path : call.path + "?" + query.replace(';', '&');
        long length = ex.requestContentLength();
        InputStream body = length == 0 ? InputStream.nullInputStream() : ex.requestBody();
        UpstreamRequest request = new UpstreamRequest(server, lb.transportName(), lb.transport(), ex.method(),
                target, out, body, length);

        boolean counted = tracking != Balancer.LoadTracking.NONE;
        if (counted) {
            member.state().acquire();
        }
        long start = System.nanoTime();
        Member retryOn = null;
        try (UpstreamResponse response = upstream.exchange(request)) {
            if (tracking == Balancer.LoadTracking.IN_FLIGHT_AND_TIME_TO_FIRST_BYTE) {
                member.state().recordTimeToFirstByte((System.nanoTime() - start) / 1_000_000);
            }
            if (response.status() == 101) {
                ProtocolSwitch.relay(call, response, upgrade);
            } else {
                relay(call, lb, response);
            }
        } catch (UpstreamException failure) {
            retryOn = mayRetry ? IdempotentRetry.alternative(call, lb, member, failure) : null;
            if (retryOn == null) {
                fail(call, server, failure);
            } else {
                // counted as this server's failure (passive health), then answered by the next one
                call.answered(failure.failure().status());
            }
        } finally {
            if (counted) {
                member.state().release();
            }
            passive.record(lb.name(), member.name(), member.state(), call.status);
        }
        if (retryOn != null) {
            IdempotentRetry.restick(call, lb, member, retryOn);
            send(call, lb, retryOn, lb.balancer().loadTracking(false), upgrade, false);
        }
    }

    private static void relay(Call call, ServiceNode.LoadBalancer lb, UpstreamResponse response) {
        Exchange ex = call.exchange;
        HttpFields backend = response.headers();
        String declaredTrailers = backend.first("Trailer");
        HopByHop.stripResponse(backend);
        if (declaredTrailers != null) {
            backend.add("Trailer", declaredTrailers);
        }
        HttpFields headers = call.responseHeaders(backend);
        int status = response.status();
        call.answered(status);
        long length = response.contentLength();
        boolean noBody = "HEAD".equals(ex.method()) || status == 204 || status == 304 || status < 200;
        try {
            if (noBody) {
                ex.respond(status, headers, EMPTY);
                return;
            }
            InputStream in = response.body();
            long flushNanos = flushNanos(lb, headers, length);
            OutputStream os;
            if (length >= 0 && length <= SMALL_BODY && declaredTrailers == null) {
                byte[] bytes = new byte[(int) length];
                int got = readArrived(in, bytes, flushNanos < 0);
                if (got == length) {
                    ex.respond(status, headers, bytes);
                    return;
                }
                // the rest is still on its way: what arrived goes out now, the rest streams
                os = ex.respond(status, headers, length);
                os.write(bytes, 0, got);
                ex.flush();
            } else {
                os = ex.respond(status, headers, length);
            }
            copy(in, os, ex, flushNanos);
            HttpFields trailers = response.trailers();
            if (trailers.size() > 0) {
                ex.trailers(trailers);
            }
            os.close();
        } catch (IOException e) {
            // The status line is gone already: all that is left is to abort the client connection.
            throw new UncheckedIOException("relaying response body failed", e);
        }
    }

    /**
     * Reads a small body as far as it has arrived: blocks for the first bytes, then takes only what
     * is already there (just the first read for event streams). Fails when the body ends short.
     */
    private static int readArrived(InputStream in, byte[] bytes, boolean firstReadOnly) throws IOException {
        int got = 0;
        while (got < bytes.length) {
            if (got > 0 && (firstReadOnly || in.available() <= 0)) {
                break;
            }
            int n = in.read(bytes, got, bytes.length - got);
            if (n < 0) {
                throw new IOException("backend closed after " + got + " of " + bytes.length + " bytes");
            }
            got += n;
        }
        return got;
    }

    /**
     * The effective flush interval (spec: proxy.md §4.7): every write for SSE and unknown lengths,
     * else the configured interval.
     */
    private static long flushNanos(ServiceNode.LoadBalancer lb, HttpFields headers, long length) {
        String type = headers.first("Content-Type");
        if (length < 0 || (type != null && mediaType(type).equals("text/event-stream"))) {
            return -1;
        }
        return lb.flushInterval().toNanos();
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Copies the body. With a positive interval, data is flushed when the interval has passed or
     * when the backend has nothing more buffered (deliberate deviation from Traefik's timer: data
     * never waits in our buffer while the backend is idle, which is never worse for clients).
     */
    private static void copy(InputStream in, OutputStream os, Exchange ex, long flushNanos) throws IOException {
        byte[] buf = new byte[32 * 1024];
        long lastFlush = System.nanoTime();
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (n == 0) {
                continue;
            }
            os.write(buf, 0, n);
            if (flushNanos < 0) {
                ex.flush();
            } else if (flushNanos > 0) {
                long now = System.nanoTime();
                if (now - lastFlush >= flushNanos || in.available() == 0) {
                    ex.flush();
                    lastFlush = now;
                }
            }
        }
    }

    private void fail(Call call, ServerAddress server, UpstreamException failure) {
        Exchange ex = call.exchange;
        UpstreamException.Failure kind = failure.failure();
        // TLS failures need an operator (a certificate, a trust root): error level, once per server
        // and minute. Everything else is an ordinary backend hiccup (spec: proxy.md §4.8).
        if (failure.tls()) {
            errors.error(server.scheme() + "://" + server.authority(), ex.method() + " " + call.path + " -> "
                    + server.authority() + ": " + kind.status() + " (" + failure.getMessage() + ")");
        } else if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0} {1} -> {2}: {3} ({4})", ex.method(), call.path, server.authority(),
                    kind.status(), failure.getMessage());
        }
        call.answered(kind.status());
        if (kind == UpstreamException.Failure.CLIENT_GONE || ex.committed()) {
            return;
        }
        ex.respond(kind.status(), call.responseHeaders(new HttpFields(0)),
                kind.text().getBytes(StandardCharsets.US_ASCII));
    }
}
