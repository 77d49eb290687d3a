package io.switchyard.domain.translate;

import io.switchyard.domain.cluster.ConfigMap;
import io.switchyard.domain.cluster.Secret;
import io.switchyard.domain.cluster.ServersTransport;
import io.switchyard.domain.config.GoDuration;
import io.switchyard.domain.config.ServersTransportConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * §1.12: a ServersTransport object to its configuration. Problems with one field or one item are
 * reported and that field or item is ignored; the transport itself is always emitted.
 */
final class TransportBuilder {
    /** Cipher suite names Traefik accepts (Go's crypto/tls constants). */
    private static final Set<String> CIPHER_SUITES = Set.of(
            "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_FALLBACK_SCSV");
    private static final List<String> VERSIONS = List.of("VersionTLS10", "VersionTLS11", "VersionTLS12",
            "VersionTLS13");

    private final ClusterIndex index;

    TransportBuilder(ClusterIndex index) {
        this.index = index;
    }

    ServersTransportConfig build(ServersTransport st, Consumer<String> error, Reporter warnings) {
        String ns = st.metadata().namespace();
        if (!st.rootCAsSecrets().isEmpty()) {
            warnings.warn("rootCAsSecrets is deprecated, use rootCAs instead");
        }
        List<String> rootCAs = new ArrayList<>();
        for (String secret : st.rootCAsSecrets()) {
            caFromSecret(ns, secret, error).ifPresent(rootCAs::add);
        }
        for (ServersTransport.RootCA rootCA : st.rootCAs()) {
            if (rootCA.secret().isPresent() && rootCA.configMap().isPresent()) {
                error.accept("rootCAs: an item names both a Secret and a ConfigMap; item ignored");
            } else if (rootCA.secret().isPresent()) {
                caFromSecret(ns, rootCA.secret().get(), error).ifPresent(rootCAs::add);
            } else if (rootCA.configMap().isPresent()) {
                caFromConfigMap(ns, rootCA.configMap().get(), error).ifPresent(rootCAs::add);
            } else {
                error.accept("rootCAs: an item names neither a Secret nor a ConfigMap; item ignored");
            }
        }
        List<ServersTransportConfig.Certificate> certificates = new ArrayList<>();
        for (String name : st.certificatesSecrets()) {
            Optional<Secret> secret = index.secret(ns, name);
            if (secret.isEmpty()) {
                error.accept("certificatesSecrets: Secret " + ns + "/" + name + " not found; ignored");
                continue;
            }
            Optional<String> cert = secret.get().text("tls.crt").filter(v -> !v.isEmpty());
            Optional<String> key = secret.get().text("tls.key").filter(v -> !v.isEmpty());
            if (cert.isEmpty() || key.isEmpty()) {
                error.accept("certificatesSecrets: Secret " + ns + "/" + name
                        + " needs non-empty tls.crt and tls.key; ignored");
                continue;
            }
            certificates.add(new ServersTransportConfig.Certificate(cert.get(), key.get()));
        }

        List<String> cipherSuites = st.cipherSuites();
        for (String suite : cipherSuites) {
            if (!CIPHER_SUITES.contains(suite)) {
                error.accept("cipherSuites: unknown cipher suite \"" + suite + "\"; the whole list is ignored");
                cipherSuites = List.of();
                break;
            }
        }
        String minVersion = version(st.minVersion(), "minVersion", error);
        String maxVersion = version(st.maxVersion(), "maxVersion", error);
        if (!minVersion.isEmpty() && !maxVersion.isEmpty()
                && VERSIONS.indexOf(minVersion) >= VERSIONS.indexOf(maxVersion)) {
            error.accept("minVersion " + minVersion + " is not below maxVersion " + maxVersion
                    + "; using minVersion VersionTLS12 and no maxVersion");
            minVersion = "VersionTLS12";
            maxVersion = "";
        }

        ServersTransportConfig.ForwardingTimeouts d = ServersTransportConfig.ForwardingTimeouts.DEFAULTS;
        ServersTransportConfig.ForwardingTimeouts timeouts = st.forwardingTimeouts().map(f ->
                new ServersTransportConfig.ForwardingTimeouts(
                        timeout(f.dialTimeout(), d.dialTimeout(), "dialTimeout", error),
                        timeout(f.responseHeaderTimeout(), d.responseHeaderTimeout(), "responseHeaderTimeout", error),
                        timeout(f.idleConnTimeout(), d.idleConnTimeout(), "idleConnTimeout", error),
                        timeout(f.readIdleTimeout(), d.readIdleTimeout(), "readIdleTimeout", error),
                        timeout(f.pingTimeout(), d.pingTimeout(), "pingTimeout", error)))
                .orElse(d);

        return new ServersTransportConfig(st.serverName(), st.insecureSkipVerify(), rootCAs, certificates,
                st.maxIdleConnsPerHost(), Optional.of(timeouts), st.disableHTTP2(), st.peerCertURI(),
                st.peerCertSANs().stream()
                        .map(s -> new ServersTransportConfig.PeerCertSAN(s.type(), s.value())).toList(),
                cipherSuites, minVersion, maxVersion,
                st.spiffe().map(s -> new ServersTransportConfig.Spiffe(s.ids(), s.trustDomain())));
    }

    private static String version(String value, String field, Consumer<String> error) {
        if (value.isEmpty() || VERSIONS.contains(value)) {
            return value;
        }
        error.accept(field + ": unknown TLS version \"" + value + "\" (expected one of " + VERSIONS + "); ignored");
        return "";
    }

    private static Duration timeout(Optional<String> value, Duration dflt, String field, Consumer<String> error) {
        if (value.isEmpty()) {
            return dflt;
        }
        try {
            return GoDuration.parse(value.get());
        } catch (IllegalArgumentException e) {
            // Traefik's Duration.Set leaves zero behind on a parse error: no timeout at all.
            error.accept("forwardingTimeouts." + field + ": " + e.getMessage() + "; no timeout is applied");
            return Duration.ZERO;
        }
    }

    private Optional<String> caFromSecret(String ns, String name, Consumer<String> error) {
        Optional<Secret> secret = index.secret(ns, name);
        if (secret.isEmpty()) {
            error.accept("root CA Secret " + ns + "/" + name + " not found; ignored");
            return Optional.empty();
        }
        Secret s = secret.get();
        Optional<String> ca = s.text("tls.ca").or(() -> s.text("ca.crt"));
        if (ca.isEmpty() && s.data().size() == 1) {
            ca = s.text(s.data().keySet().iterator().next());
        }
        if (ca.isEmpty()) {
            error.accept("root CA Secret " + ns + "/" + name + " has neither tls.ca nor ca.crt; ignored");
        }
        return ca;
    }

    private Optional<String> caFromConfigMap(String ns, String name, Consumer<String> error) {
        Optional<ConfigMap> cm = index.configMap(ns, name);
        if (cm.isEmpty()) {
            error.accept("root CA ConfigMap " + ns + "/" + name + " not found; ignored");
            return Optional.empty();
        }
        Optional<String> ca = Optional.ofNullable(cm.get().data().get("tls.ca"))
                .or(() -> Optional.ofNullable(cm.get().data().get("ca.crt")));
        if (ca.isEmpty()) {
            error.accept("root CA ConfigMap " + ns + "/" + name + " has neither tls.ca nor ca.crt; ignored");
        }
        return ca;
    }
}
