package io.switchyard.adapters.http.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchyard.domain.http.ServerAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Probe URL construction (spec: healthcheck.md §3.4) and RFC 3986 resolution of redirects. */
final class ProbeUrlTest {
    private static final ServerAddress SERVER = ServerAddress.parse("https://external.domain:443");

    @ParameterizedTest(name = "path \"{0}\", scheme \"{1}\", port {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "/health         | ''   | 0    | https://external.domain:443/health",
            "/health         | http | 8080 | http://external.domain:8080/health",
            "status?full=1   | ''   | 0    | https://external.domain:443/status?full=1",
            "health          | ''   | 0    | https://external.domain:443/health",
            "''              | ''   | 0    | https://external.domain:443/",
            "/h?x=1&y        | ''   | 0    | https://external.domain:443/h?x=1&y",
            "/a/../b/./c     | ''   | 0    | https://external.domain:443/b/c",
            "/a b            | ''   | 0    | https://external.domain:443/a%20b",
            "/a%2Fb          | ''   | 0    | https://external.domain:443/a%2Fb",
            "/h#frag         | h2c  | 0    | h2c://external.domain:443/h",
            "/h?             | ''   | 0    | https://external.domain:443/h?"})
    void of_specExamples(String path, String scheme, int port, String expected) {
        assertEquals(expected, ProbeUrl.of(SERVER, path, scheme, port).toString());
    }

    @ParameterizedTest
    @CsvSource({"http://other/health", "//other/health", "/bad%zz", "https:"})
    void of_absoluteOrBroken_rejected(String path) {
        assertThrows(IllegalArgumentException.class, () -> ProbeUrl.of(SERVER, path, "", 0));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "http://h:1/a/b?q | c             | http://h:1/a/c",
            "http://h:1/a/b?q | /c            | http://h:1/c",
            "http://h:1/a/b?q | ../c?z        | http://h:1/c?z",
            "http://h:1/a/b?q | ?n            | http://h:1/a/b?n",
            "http://h:1/a/b?q | //other/x     | http://other/x",
            "http://h:1/a/b?q | HTTPS://o:2/y | https://o:2/y"})
    void resolve_rfc3986(String base, String location, String expected) {
        ServerAddress server = ServerAddress.parse(base.substring(0, base.indexOf('/', 8)));
        String rest = base.substring(base.indexOf('/', 8));
        ProbeUrl b = ProbeUrl.of(server, rest, "", 0);

        assertEquals(expected, b.resolve(location).toString());
    }

    @ParameterizedTest(name = "status {0}, rule {1} -> {2}")
    @CsvSource({"200, 0, true", "204, 0, true", "301, 0, true", "399, 0, true", "199, 0, false", "400, 0, false",
            "404, 0, false", "500, 0, false", "204, 204, true", "200, 204, false"})
    void judge_statusRuleOfTheSpec(int status, int rule, boolean healthy) {
        assertEquals(healthy, HttpCheck.judge(ProbeUrl.of(SERVER, "/", "", 0), status, rule).healthy());
    }
}
