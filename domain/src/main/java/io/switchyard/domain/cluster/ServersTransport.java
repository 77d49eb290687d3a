package io.switchyard.domain.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Traefik's {@code ServersTransport} as written (spec: translation.md §1.12). Secret and ConfigMap
 * references are names in the transport's namespace; durations are kept as text.
 */
public record ServersTransport(
        ObjectMeta metadata,
        String serverName,
        boolean insecureSkipVerify,
        List<String> rootCAsSecrets,
        List<RootCA> rootCAs,
        List<String> certificatesSecrets,
        int maxIdleConnsPerHost,
        Optional<ForwardingTimeouts> forwardingTimeouts,
        boolean disableHTTP2,
        String peerCertURI,
        List<PeerCertSAN> peerCertSANs,
        Optional<Spiffe> spiffe,
        List<String> cipherSuites,
        String minVersion,
        String maxVersion) implements KubeObject {

    public ServersTransport {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(serverName, "serverName");
        rootCAsSecrets = List.copyOf(rootCAsSecrets);
        rootCAs = List.copyOf(rootCAs);
        certificatesSecrets = List.copyOf(certificatesSecrets);
        Objects.requireNonNull(forwardingTimeouts, "forwardingTimeouts");
        Objects.requireNonNull(peerCertURI, "peerCertURI");
        peerCertSANs = List.copyOf(peerCertSANs);
        Objects.requireNonNull(spiffe, "spiffe");
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(minVersion, "minVersion");
        Objects.requireNonNull(maxVersion, "maxVersion");
    }

    /** A transport with only a server name set. */
    public static ServersTransport of(ObjectMeta metadata, String serverName) {
        return new ServersTransport(metadata, serverName, false, List.of(), List.of(), List.of(), 0,
                Optional.empty(), false, "", List.of(), Optional.empty(), List.of(), "", "");
    }

    @Override
    public String kind() {
        return "ServersTransport";
    }

    @Override
    public boolean custom() {
        return true;
    }

    /** A root CA source: a Secret or a ConfigMap (both set is an error at translation). */
    public record RootCA(Optional<String> secret, Optional<String> configMap) {
        public RootCA {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(configMap, "configMap");
        }
    }

    /** Forwarding timeouts as written; absent ones keep their defaults. */
    public record ForwardingTimeouts(Optional<String> dialTimeout, Optional<String> responseHeaderTimeout,
                                     Optional<String> idleConnTimeout, Optional<String> readIdleTimeout,
                                     Optional<String> pingTimeout) {
        public ForwardingTimeouts {
            Objects.requireNonNull(dialTimeout, "dialTimeout");
            Objects.requireNonNull(responseHeaderTimeout, "responseHeaderTimeout");
            Objects.requireNonNull(idleConnTimeout, "idleConnTimeout");
            Objects.requireNonNull(readIdleTimeout, "readIdleTimeout");
            Objects.requireNonNull(pingTimeout, "pingTimeout");
        }
    }

    /** A SAN the peer must present: {@code DNSName} or {@code URI}. */
    public record PeerCertSAN(String type, String value) {
        public PeerCertSAN {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    /** SPIFFE settings. */
    public record Spiffe(List<String> ids, String trustDomain) {
        public Spiffe {
            ids = List.copyOf(ids);
            Objects.requireNonNull(trustDomain, "trustDomain");
        }
    }
}
