package io.switchyard.server.http;

import io.helidon.common.tls.Tls;
import io.switchyard.adapters.http.tls.CertifiedKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The TLS of a listener from an entry point's PEM files. */
final class ListenerTls {
    private ListenerTls() {
    }

    /**
     * Reads and checks the certificate and key.
     *
     * @throws IllegalArgumentException when a file cannot be read or parsed (the message names the entry point)
     */
    static Tls of(String entryPoint, EntryPointBinding.Tls files) {
        CertifiedKey key;
        try {
            key = CertifiedKey.parse(Files.readString(files.certificate()), Files.readString(files.key()));
        } catch (IOException e) {
            throw new IllegalArgumentException("entry point " + entryPoint + " TLS: " + e.getMessage(),
                    new UncheckedIOException(e));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("entry point " + entryPoint + " TLS: " + e.getMessage(), e);
        }
        return Tls.builder()
                .privateKey(key.key())
                .privateKeyCertChain(key.chain())
                .build();
    }
}
