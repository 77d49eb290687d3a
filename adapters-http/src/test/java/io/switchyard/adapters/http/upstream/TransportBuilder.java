package io.switchyard.adapters.http.upstream;

import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.ServersTransportConfig.Certificate;
import io.switchyard.domain.config.ServersTransportConfig.PeerCertSAN;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test-side builder of {@link ServersTransportConfig} values (the record has thirteen components). */
final class TransportBuilder {
    private String serverName = "";
    private boolean insecureSkipVerify;
    private final List<String> rootCAs = new ArrayList<>();
    private final List<Certificate> certificates = new ArrayList<>();
    private boolean disableHttp2;
    private String peerCertUri = "";
    private final List<PeerCertSAN> peerCertSans = new ArrayList<>();
    private final List<String> cipherSuites = new ArrayList<>();
    private String minVersion = "";
    private String maxVersion = "";

    TransportBuilder serverName(String name) {
        this.serverName = name;
        return this;
    }

    TransportBuilder insecureSkipVerify() {
        this.insecureSkipVerify = true;
        return this;
    }

    TransportBuilder rootCA(String pem) {
        rootCAs.add(pem);
        return this;
    }

    TransportBuilder certificate(String certPem, String keyPem) {
        certificates.add(new Certificate(certPem, keyPem));
        return this;
    }

    TransportBuilder disableHttp2() {
        this.disableHttp2 = true;
        return this;
    }

    TransportBuilder peerCertUri(String uri) {
        this.peerCertUri = uri;
        return this;
    }

    TransportBuilder peerCertSan(String type, String value) {
        peerCertSans.add(new PeerCertSAN(type, value));
        return this;
    }

    TransportBuilder cipherSuite(String goName) {
        cipherSuites.add(goName);
        return this;
    }

    TransportBuilder versions(String min, String max) {
        this.minVersion = min;
        this.maxVersion = max;
        return this;
    }

    ServersTransportConfig build() {
        return new ServersTransportConfig(serverName, insecureSkipVerify, rootCAs, certificates, 0, Optional.empty(),
                disableHttp2, peerCertUri, peerCertSans, cipherSuites, minVersion, maxVersion, Optional.empty());
    }
}
