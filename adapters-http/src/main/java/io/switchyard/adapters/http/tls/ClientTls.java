package io.switchyard.adapters.http.tls;

import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.ServersTransportConfig.PeerCertSAN;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The client side of TLS for one servers transport (spec: proxy.md §4.5): trust roots
 * ({@code rootCAs} replace the system store when present), client certificates for mTLS,
 * {@code insecureSkipVerify}, versions and cipher suites given by their Go names, the server name
 * used for SNI and verification, and the {@code peerCertURI}/{@code peerCertSANs} check.
 *
 * <p>Built once per transport (it holds an {@link SSLContext}); {@link #handshake} is thread-safe.
 */
public final class ClientTls {
    /** Go's fixed {@code TLSHandshakeTimeout} of the default transport. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(ClientTls.class.getName());
    private static final char[] NO_PASSWORD = new char[0];

    private final SSLSocketFactory factory;
    private final String serverName;
    private final boolean insecureSkipVerify;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final Optional<PeerCertificateCheck> peerCheck;

    private ClientTls(SSLSocketFactory factory, String serverName, boolean insecureSkipVerify, String[] protocols,
                      String[] cipherSuites, Optional<PeerCertificateCheck> peerCheck) {
        this.factory = factory;
        this.serverName = serverName;
        this.insecureSkipVerify = insecureSkipVerify;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.peerCheck = peerCheck;
    }

    /**
     * Builds the TLS settings of {@code transport}.
     *
     * @throws IllegalArgumentException when PEM material, versions or cipher suites are invalid
     */
    public static ClientTls of(ServersTransportConfig transport) {
        Objects.requireNonNull(transport, "transport");
        try {
            X509TrustManager roots = trustManager(transport.rootCAs());
            TrustManager verifying = transport.insecureSkipVerify() ? new TrustingEverything() : roots;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(transport.certificates()), new TrustManager[] {verifying}, null);
            SSLParameters supported = context.getSupportedSSLParameters();
            String[] protocols = GoTlsNames.protocols(transport.minVersion(), transport.maxVersion(),
                    supported.getProtocols());
            String[] suites = null;
            if (!transport.cipherSuites().isEmpty()) {
                List<String> unsupported = new ArrayList<>();
                suites = GoTlsNames.cipherSuites(transport.cipherSuites(), supported.getCipherSuites(), unsupported);
                if (!unsupported.isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "cipher suites not supported by this JDK, ignored: {0}",
                            unsupported);
                }
            }
            List<PeerCertSAN> wanted = new ArrayList<>(transport.peerCertSANs());
            if (!transport.peerCertURI().isEmpty()) {
                wanted.add(new PeerCertSAN("URI", transport.peerCertURI()));
            }
            Optional<PeerCertificateCheck> peerCheck = wanted.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new PeerCertificateCheck(roots, wanted));
            return new ClientTls(context.getSocketFactory(), transport.serverName(), transport.insecureSkipVerify(),
                    protocols, suites, peerCheck);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("TLS settings: " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #of}, but an invalid configuration is logged and replaced by the default TLS
     * settings (system roots, verification on), as Traefik does (spec: proxy.md §4.5).
     */
    public static ClientTls ofOrDefault(String transportName, ServersTransportConfig transport) {
        try {
            return of(transport);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "servers transport \"" + transportName
                    + "\": invalid TLS configuration, using the default TLS settings: " + e.getMessage());
            return of(ServersTransportConfig.DEFAULT);
        }
    }

    /**
     * Performs the client handshake over {@code connected}, offering {@code applicationProtocols}
     * by ALPN. The name for SNI and verification is the transport's {@code serverName}, or
     * {@code host} when that is empty; an IP literal is sent without SNI and must be an IP SAN.
     *
     * @param connected            a connected plain socket; closed when the handshake fails
     * @param host                 the server host (no brackets for IPv6)
     * @param port                 the server port
     * @param applicationProtocols ALPN ids in preference order, e.g. {@code h2, http/1.1}
     * @return the TLS socket, handshake done; its read timeout is restored to that of {@code connected}
     * @throws IOException when the handshake or the peer check fails ({@link javax.net.ssl.SSLException})
     *                     or times out after {@link #HANDSHAKE_TIMEOUT}
     */
    public SSLSocket handshake(Socket connected, String host, int port, List<String> applicationProtocols)
            throws IOException {
        String name = serverName.isEmpty() ? host : serverName;
        int readTimeout = connected.getSoTimeout();
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) factory.createSocket(connected, name, port, true);
        } catch (IOException | RuntimeException e) {
            connected.close();
            throw e;
        }
        try {
            SSLParameters params = ssl.getSSLParameters();
            params.setServerNames(sni(name));
            if (!insecureSkipVerify) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            params.setProtocols(protocols);
            if (cipherSuites != null) {
                params.setCipherSuites(cipherSuites);
            }
            params.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
            ssl.setSSLParameters(params);
            ssl.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
            ssl.startHandshake();
            if (peerCheck.isPresent()) {
                peerCheck.get().verify(ssl.getSession());
            }
            ssl.setSoTimeout(readTimeout);
            return ssl;
        } catch (IOException | RuntimeException e) {
            ssl.close();
            throw e;
        }
    }

    private static List<javax.net.ssl.SNIServerName> sni(String name) {
        if (name.isEmpty() || PeerCertificateCheck.isIpLiteral(name)) {
            return List.of();
        }
        try {
            return List.of(new SNIHostName(name.endsWith(".") ? name.substring(0, name.length() - 1) : name));
        } catch (IllegalArgumentException e) {
            return List.of(); // not a valid host name for SNI (e.g. underscores): send none, as Go does
        }
    }

    private static X509TrustManager trustManager(List<String> rootCAs) throws GeneralSecurityException, IOException {
        KeyStore store = null;
        if (!rootCAs.isEmpty()) {
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (String pem : rootCAs) {
                for (X509Certificate ca : Pem.certificates(pem)) {
                    store.setCertificateEntry("ca-" + i++, ca);
                }
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager available");
    }

    private static KeyManager[] keyManagers(List<ServersTransportConfig.Certificate> certificates)
            throws GeneralSecurityException, IOException {
        if (certificates.isEmpty()) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (ServersTransportConfig.Certificate cert : certificates) {
            List<X509Certificate> chain = Pem.certificates(cert.certPem());
            PrivateKey key = Pem.privateKey(cert.keyPem());
            store.setKeyEntry("client-" + i++, key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(store, NO_PASSWORD);
        return kmf.getKeyManagers();
    }

    /** {@code insecureSkipVerify}: accept any chain and any name. */
    private static final class TrustingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
