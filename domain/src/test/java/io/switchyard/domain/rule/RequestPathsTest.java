package io.switchyard.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules.md §5.3 (canonical host), §5.5 (routing path) and proxy.md §4.1 steps 3-4 (normalisation). */
final class RequestPathsTest {

    @ParameterizedTest(name = "[{index}] ''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "example.com|example.com",
            "Example.COM:8443|example.com",
            "[::1]:80|::1",
            "[::1]|::1",
            "[::1|[::1",
            "a:b:c|a:b:c",
            "example.com:|example.com",
            "  Example.com  |example.com",
            " a.com :80|a.com",
            "\u00c9x.com|\u00e9x.com",
    })
    void canonicalHost(String header, String expected) {
        assertEquals(expected, RequestPaths.canonicalHost(header));
    }

    @Test
    void canonicalHost_missing_isEmpty() {
        assertEquals("", RequestPaths.canonicalHost(null));
        assertEquals("", RequestPaths.canonicalHost(""));
        String plain = "a.example.com";
        assertSame(plain, RequestPaths.canonicalHost(plain));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/foo%20bar/x|/foo bar/x",
            "/a%2Fb|/a%2Fb",
            "/caf%C3%A9|/caf\u00e9",
            "/%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25|/%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25",
            "/%22%3C%3E|/\"<>",
            "/%FF|/\ufffd",
    })
    void routingPath(String normalized, String expected) {
        assertEquals(expected, RequestPaths.routingPath(normalized));
    }

    @Test
    void routingPath_malformedEscape_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> RequestPaths.routingPath("/a%4"));
        assertThrows(IllegalArgumentException.class, () -> RequestPaths.routingPath("/a%zz"));
    }

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            // raw | sanitising off | sanitising on (default)
            "/a/./b/../c//d%7e%2fx|/a/./b/../c//d~%2Fx|/a/c/d~%2Fx",
            "/%41%62%2d%2E%5f%7E|/Ab-._~|/Ab-._~",
            "/%2e%2e/x|/../x|/x",
            "/a/%2E/b|/a/./b|/a/b",
            "/a/b/|/a/b/|/a/b/",
            "/a//|/a//|/a/",
            "/a/..|/a/..|/",
            "/a/.|/a/.|/a",
            "/..|/..|/",
            "/|/|/",
            "*|*|*",
            "/a%3a%3A|/a%3A%3A|/a%3A%3A",
    })
    void normalize(String raw, String unsanitized, String sanitized) {
        assertEquals(unsanitized, RequestPaths.normalize(raw, false));
        assertEquals(sanitized, RequestPaths.normalize(raw, true));
    }

    @Test
    void normalize_cleanPath_isReturnedAsIs() {
        String path = "/api/v1/users";
        assertSame(path, RequestPaths.normalize(path, true));
    }

    @Test
    void normalize_malformedEscape_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> RequestPaths.normalize("/a%", true));
        assertThrows(IllegalArgumentException.class, () -> RequestPaths.normalize("/a%2", false));
        assertThrows(IllegalArgumentException.class, () -> RequestPaths.normalize("/a%g0/b", false));
    }
}
