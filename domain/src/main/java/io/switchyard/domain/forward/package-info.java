/**
 * What a request and a response look like on the other side of the proxy: forwarded headers
 * (spec: proxy.md §4.2), hop-by-hop removal and Host (§4.3), response relay rules (§4.6, §4.7).
 * Pure functions over {@link io.switchyard.domain.http.HttpFields}.
 */
package io.switchyard.domain.forward;
