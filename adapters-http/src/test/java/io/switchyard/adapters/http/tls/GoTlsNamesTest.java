package io.switchyard.adapters.http.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class GoTlsNamesTest {
    private static final String[] JDK = {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"};

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''            | ''            | TLSv1.2 TLSv1.3",
            "VersionTLS12  | VersionTLS12  | TLSv1.2",
            "VersionTLS13  | ''            | TLSv1.3",
            "VersionTLS10  | VersionTLS11  | TLSv1 TLSv1.1",
            "VersionTLS11  | ''            | TLSv1.1 TLSv1.2 TLSv1.3"})
    void protocols_goRange_mapsToJsseNames(String min, String max, String expected) {
        assertArrayEquals(expected.split(" "), GoTlsNames.protocols(min, max, JDK));
    }

    @Test
    void protocols_unknownName_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoTlsNames.protocols("TLS12", "", JDK));
        assertEquals("minVersion: TLS12 (expected: VersionTLS10..13)", e.getMessage());
    }

    @Test
    void protocols_rangeOutsideJdk_rejected() {
        assertThrows(IllegalArgumentException.class,
                () -> GoTlsNames.protocols("VersionTLS10", "VersionTLS11", new String[] {"TLSv1.2", "TLSv1.3"}));
    }

    @Test
    void cipherSuites_aliasesMappedUnsupportedReportedTls13Added() {
        String[] jdk = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};
        List<String> unsupported = new ArrayList<>();

        String[] suites = GoTlsNames.cipherSuites(List.of("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_RC4_128_SHA"), jdk, unsupported);

        assertArrayEquals(new String[] {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                "TLS_CHACHA20_POLY1305_SHA256"}, suites);
        assertEquals(List.of("TLS_RSA_WITH_RC4_128_SHA"), unsupported);
    }
}
