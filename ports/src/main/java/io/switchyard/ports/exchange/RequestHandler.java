package io.switchyard.ports.exchange;

/** Handles one request completely: routes it, forwards it, writes the response. */
public interface RequestHandler {
    /**
     * Handles the exchange. Never throws for expected outcomes (no route, no server, backend
     * failure): those become responses.
     */
    void handle(Exchange exchange);
}
