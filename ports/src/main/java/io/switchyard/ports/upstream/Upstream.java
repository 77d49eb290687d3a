package io.switchyard.ports.upstream;

import io.switchyard.domain.config.ServersTransportConfig;

/**
 * Forwards one request to one server. Implementations keep connection pools per servers transport
 * and never buffer whole bodies.
 */
public interface Upstream {
    /**
     * Sends the request and returns once the response head has arrived. The caller reads the body
     * from the returned response and must close it.
     *
     * @throws UpstreamException when the exchange fails before a response head arrived; its
     *                           {@link UpstreamException#failure()} decides the status the client sees
     */
    UpstreamResponse exchange(UpstreamRequest request);

    /**
     * Builds what a servers transport needs (clients, TLS material) ahead of traffic, so the first
     * request does not pay for it. Called for every transport of a configuration when it is applied.
     */
    default void prepare(String transportName, ServersTransportConfig transport) {
    }
}
