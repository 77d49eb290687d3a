/**
 * The upstream port on Helidon's client stack: {@link io.switchyard.adapters.http.upstream.HelidonUpstream}
 * keeps one client per servers transport and forwards one exchange to one server over HTTP/1.1,
 * HTTP/2 over TLS (ALPN) or h2c, streaming bodies both ways (spec: proxy.md §4.3–4.8).
 *
 * <p>HTTP/1.1 is spoken by a small codec of our own over pooled sockets rather than by Helidon's
 * {@code Http1Client}, whose request path adds {@code User-Agent}, {@code Connection} and
 * {@code Content-Length: 0}, drops pooled connections after {@code HEAD}, and leaves chunked
 * trailers unread in the connection. HTTP/2 uses Helidon's {@code Http2ClientConnection} and a
 * stream subclass, which gives framing, HPACK and flow control, and trailers without an announcing
 * {@code Trailer} field. Details and gaps: {@code docs/upstream.md}.
 */
package io.switchyard.adapters.http.upstream;
