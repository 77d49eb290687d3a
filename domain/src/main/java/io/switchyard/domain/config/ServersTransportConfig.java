package io.switchyard.domain.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How Switchyard talks to servers: TLS settings, connection pool and timeouts (spec: proxy.md §4.5,
 * translation.md §1.12). TLS material is carried as PEM text so the domain needs no crypto types.
 *
 * @param serverName          SNI and verification name; empty derives it from the server URL host
 * @param insecureSkipVerify  skip chain and name verification
 * @param rootCAs             trusted CA certificates (PEM); non-empty replaces the system trust store
 * @param certificates        client certificates offered for mTLS
 * @param maxIdleConnsPerHost idle keep-alive connections kept per host; 0 means the default
 * @param forwardingTimeouts  dial, response-header, idle and HTTP/2 ping timeouts
 * @param disableHTTP2        speak HTTP/1.1 only
 * @param peerCertURI         deprecated: a URI SAN the peer certificate must carry
 * @param peerCertSANs        SANs of which the peer certificate must carry one
 * @param cipherSuites        allowed cipher suites (Go names); empty means the defaults
 * @param minVersion          minimum TLS version (Go name, e.g. {@code VersionTLS12}); empty = default
 * @param maxVersion          maximum TLS version; empty = default
 * @param spiffe              SPIFFE settings, if any
 */
public record ServersTransportConfig(
        String serverName,
        boolean insecureSkipVerify,
        List<String> rootCAs,
        List<Certificate> certificates,
        int maxIdleConnsPerHost,
        Optional<ForwardingTimeouts> forwardingTimeouts,
        boolean disableHTTP2,
        String peerCertURI,
        List<PeerCertSAN> peerCertSANs,
        List<String> cipherSuites,
        String minVersion,
        String maxVersion,
        Optional<Spiffe> spiffe) {

    public ServersTransportConfig {
        Objects.requireNonNull(serverName, "serverName");
        rootCAs = List.copyOf(rootCAs);
        certificates = List.copyOf(certificates);
        Objects.requireNonNull(forwardingTimeouts, "forwardingTimeouts");
        Objects.requireNonNull(peerCertURI, "peerCertURI");
        peerCertSANs = List.copyOf(peerCertSANs);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(minVersion, "minVersion");
        Objects.requireNonNull(maxVersion, "maxVersion");
        Objects.requireNonNull(spiffe, "spiffe");
    }

    /** The built-in default transport ({@code default@internal}): verify TLS, 200 idle per host. */
    public static final ServersTransportConfig DEFAULT = new ServersTransportConfig("", false, List.of(),
            List.of(), 200, Optional.of(ForwardingTimeouts.DEFAULTS), false, "", List.of(), List.of(), "", "",
            Optional.empty());

    /** A client certificate and its key, both PEM. */
    public record Certificate(String certPem, String keyPem) {
        public Certificate {
            Objects.requireNonNull(certPem, "certPem");
            Objects.requireNonNull(keyPem, "keyPem");
        }
    }

    /** A SAN the peer must present: type {@code URI} or {@code DNSName}. */
    public record PeerCertSAN(String type, String value) {
        public PeerCertSAN {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    /** SPIFFE: authorised IDs, or a trust domain. */
    public record Spiffe(List<String> ids, String trustDomain) {
        public Spiffe {
            ids = List.copyOf(ids);
            Objects.requireNonNull(trustDomain, "trustDomain");
        }
    }

    /**
     * Forwarding timeouts; {@link Duration#ZERO} means none.
     */
    public record ForwardingTimeouts(Duration dialTimeout, Duration responseHeaderTimeout,
                                     Duration idleConnTimeout, Duration readIdleTimeout,
                                     Duration pingTimeout) {
        /** Defaults of a CRD ServersTransport: dial 30s, idle 90s, ping 15s, others none. */
        public static final ForwardingTimeouts DEFAULTS = new ForwardingTimeouts(Duration.ofSeconds(30),
                Duration.ZERO, Duration.ofSeconds(90), Duration.ZERO, Duration.ofSeconds(15));

        public ForwardingTimeouts {
            Objects.requireNonNull(dialTimeout, "dialTimeout");
            Objects.requireNonNull(responseHeaderTimeout, "responseHeaderTimeout");
            Objects.requireNonNull(idleConnTimeout, "idleConnTimeout");
            Objects.requireNonNull(readIdleTimeout, "readIdleTimeout");
            Objects.requireNonNull(pingTimeout, "pingTimeout");
        }
    }
}
