package io.switchyard.adapters.http.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PeerCertificateCheckTest {
    @ParameterizedTest
    @CsvSource({
            "example.com,       example.com,       true",
            "EXAMPLE.com,       example.COM.,      true",
            "*.example.com,     a.example.com,     true",
            "*.example.com,     a.b.example.com,   false",
            "*.example.com,     example.com,       false",
            "a.example.com,     b.example.com,     false"})
    void hostMatches_goVerifyHostnameRules(String pattern, String host, boolean expected) {
        assertEquals(expected, PeerCertificateCheck.hostMatches(pattern, host));
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.1, true", "fd00::1, true", "example.com, false", "1.2.3, false", "10.0.0.a, false"})
    void isIpLiteral(String host, boolean expected) {
        assertEquals(expected, PeerCertificateCheck.isIpLiteral(host));
    }
}
