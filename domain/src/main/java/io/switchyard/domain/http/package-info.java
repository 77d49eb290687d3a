/**
 * A small HTTP vocabulary shared by the domain and the ports, free of any server or client
 * library: header fields, server addresses, IP address and CIDR sets (trustedIPs, {@code ClientIP}).
 */
package io.switchyard.domain.http;
