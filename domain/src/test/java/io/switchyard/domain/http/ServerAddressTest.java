package io.switchyard.domain.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ServerAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://10.0.0.1:8080,          http,  10.0.0.1,        8080, 10.0.0.1:8080",
        "https://external.domain:443,   https, external.domain, 443,  external.domain:443",
        "'http://[fd00::7]:9090',       http,  fd00::7,         9090, '[fd00::7]:9090'",
        "h2c://grpc:50051,              h2c,   grpc,            50051, grpc:50051",
        "https://a.example,             https, a.example,       443,  a.example:443",
        "http://a.example/ignored,      http,  a.example,       80,   a.example:80",
    })
    void parse(String url, String scheme, String host, int port, String authority) {
        ServerAddress a = ServerAddress.parse(url);
        assertEquals(scheme, a.scheme());
        assertEquals(host, a.host());
        assertEquals(port, a.port());
        assertEquals(authority, a.authority());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1:80", "http://:80", "http://[::1", "http://a:b", "http://a:0"})
    void parse_rejectsMalformed(String url) {
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(url));
    }

    @Test
    void equality_byValue_everyComponentCounts() {
        ServerAddress a = new ServerAddress("http", "10.0.0.1", 8080);
        ServerAddress same = new ServerAddress(new String("http"), new String("10.0.0.1"), 8080);
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertNotEquals(a, new ServerAddress("https", "10.0.0.1", 8080));
        assertNotEquals(a, new ServerAddress("http", "10.0.0.2", 8080));
        assertNotEquals(a, new ServerAddress("http", "10.0.0.1", 8081));
        assertNotEquals(a, null);
        assertNotEquals(a, "http://10.0.0.1:8080");
    }
}
