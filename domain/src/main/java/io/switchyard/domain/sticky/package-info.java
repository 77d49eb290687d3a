/**
 * Sticky sessions by cookie (spec: balancing.md §2.4): the cookie name derived from the service,
 * the deterministic cookie value of each child and the legacy values still honoured
 * ({@link io.switchyard.domain.sticky.StickyTable}), and the exact {@code Cookie} parsing and
 * {@code Set-Cookie} serialisation of Go's {@code net/http}
 * ({@link io.switchyard.domain.sticky.StickyCookies}).
 */
package io.switchyard.domain.sticky;
