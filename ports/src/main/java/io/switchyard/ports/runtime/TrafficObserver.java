package io.switchyard.ports.runtime;

/**
 * Sees every request once it has been answered: the hook behind metrics and the access log.
 * Implementations must be cheap and must not block (hand work to a queue); they run on the
 * request's thread after the response was written.
 */
@FunctionalInterface
public interface TrafficObserver {
    /** An observer that does nothing. */
    TrafficObserver NONE = exchange -> { };

    /** Called once per request, after the response was written or the exchange failed. */
    void completed(CompletedExchange exchange);
}
