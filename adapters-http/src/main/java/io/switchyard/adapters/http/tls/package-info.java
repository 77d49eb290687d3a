/**
 * TLS material for talking to servers: a {@link io.switchyard.adapters.http.tls.ClientTls} is built
 * from one servers transport (trust roots, client certificates, versions, cipher suites, server
 * name, extra peer-certificate checks) with the JDK's JSSE only, and performs the client handshake
 * on a connected socket (spec: proxy.md §4.5). A {@link io.switchyard.adapters.http.tls.CertifiedKey}
 * is the PEM-parsed certificate and key an entry point serves.
 */
package io.switchyard.adapters.http.tls;
