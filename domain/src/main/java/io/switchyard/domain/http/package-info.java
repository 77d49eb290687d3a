/**
 * A small HTTP vocabulary shared by the domain and the ports, free of any server or client
 * library: header fields, server addresses.
 */
package io.switchyard.domain.http;
