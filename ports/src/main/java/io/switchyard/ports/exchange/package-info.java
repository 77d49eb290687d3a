/**
 * The driving port of the data plane: the server adapter wraps each incoming request in an
 * {@link io.switchyard.ports.exchange.Exchange} and hands it to a
 * {@link io.switchyard.ports.exchange.RequestHandler}.
 */
package io.switchyard.ports.exchange;
