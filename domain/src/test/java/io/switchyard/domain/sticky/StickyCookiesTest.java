package io.switchyard.domain.sticky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.StickyCookie;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class StickyCookiesTest {

    private static StickyCookie named(String name) {
        return new StickyCookie(name, false, false, "", 0, "/", "");
    }

    @ParameterizedTest(name = "service {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            backend                                               | _76eb3
            /my/BACKEND-v1.0~rc1                                  | _5f7bc
            default-whoami-ir-d1e731eed2b25b93330c@kubernetescrd  | _fc6bd
            default-sticky@kubernetescrd                          | _2544b
            """)
    void cookieName_emptyConfiguredName_derivesFromTheQualifiedService(String service, String expected) {
        assertEquals(expected, StickyCookies.cookieName(StickyCookie.defaults(), service));
    }

    @ParameterizedTest(name = "configured {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            /my/BACKEND-v1.0~rc1   | _my_BACKEND-v1.0~rc1
            session                | session
            "a b;c=d,e"            | a_b_c_d_e
            "!#$%&'*+-.^_`|~"      | "!#$%&'*+-.^_`|~"
            "(x)<y>@[z]{}\\"       | _x__y___z____
            "é€😀"                  | ___
            """)
    void cookieName_configuredName_isSanitisedToTokenCharacters(String configured, String expected) {
        assertEquals(expected, StickyCookies.cookieName(named(configured), "ignored@kubernetescrd"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://10.42.0.7:8080 | 7224574e5eb8702c
            http://10.42.0.8:8080 | 844b4996c28c085d
            default-whoami-80     | 3c7eb0accfc70196
            """)
    void value_isTheFirst16HexDigitsOfSha256(String child, String expected) {
        assertEquals(expected, StickyCookies.value(child));
    }

    @Test
    void setCookie_specWorkedExample() {
        StickyCookie config = new StickyCookie("", true, true, "lax", 3600, "/", "");
        String name = StickyCookies.cookieName(config, "default-whoami-ir-d1e731eed2b25b93330c@kubernetescrd");

        assertEquals("_fc6bd=7224574e5eb8702c; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax",
                StickyCookies.setCookie(config, name, StickyCookies.value("http://10.42.0.7:8080")));
    }

    @ParameterizedTest(name = "[{index}] {7}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            false | false | ""       | 0    | /      | ""              | session=v | session=v; Path=/
            false | false | ""       | 0    | ""     | ""              | session=v | session=v
            false | false | ""       | 0    | /app   | example.com     | session=v | session=v; Path=/app; Domain=example.com
            false | false | ""       | 0    | /      | .example.com    | session=v | session=v; Path=/; Domain=example.com
            false | false | ""       | 0    | /      | 10.0.0.1        | session=v | session=v; Path=/; Domain=10.0.0.1
            false | false | ""       | 0    | /      | bad_domain.com  | session=v | session=v; Path=/
            false | false | ""       | 0    | /      | ::1             | session=v | session=v; Path=/
            false | false | ""       | 0    | /      | -x.example.com  | session=v | session=v; Path=/
            false | false | ""       | 0    | /      | example.com.    | session=v | session=v; Path=/; Domain=example.com.
            false | false | ""       | 60   | /      | ""              | session=v | session=v; Path=/; Max-Age=60
            false | false | ""       | -1   | /      | ""              | session=v | session=v; Path=/; Max-Age=0
            false | false | ""       | -300 | /      | ""              | session=v | session=v; Path=/; Max-Age=0
            true  | false | ""       | 0    | /      | ""              | session=v | session=v; Path=/; HttpOnly
            false | true  | ""       | 0    | /      | ""              | session=v | session=v; Path=/; Secure
            false | false | none     | 0    | /      | ""              | session=v | session=v; Path=/; SameSite=None
            false | false | LAX      | 0    | /      | ""              | session=v | session=v; Path=/; SameSite=Lax
            false | false | Strict   | 0    | /      | ""              | session=v | session=v; Path=/; SameSite=Strict
            false | false | default  | 0    | /      | ""              | session=v | session=v; Path=/
            false | false | lax      | 0    | /a;b   | ""              | session=v | session=v; Path=/ab; SameSite=Lax
            false | false | ""       | 0    | /é     | ""              | session=v | session=v; Path=/
            true  | true  | sTrIcT   | 7    | /x     | .a.example.org  | session=v | session=v; Path=/x; Domain=a.example.org; Max-Age=7; HttpOnly; Secure; SameSite=Strict
            """)
    void setCookie_attributesInGoOrder(boolean httpOnly, boolean secure, String sameSite, int maxAge, String path,
                                       String domain, String nameValue, String expected) {
        StickyCookie config = new StickyCookie("session", secure, httpOnly, sameSite, maxAge, path, domain);
        String[] pair = nameValue.split("=");

        assertEquals(expected, StickyCookies.setCookie(config, pair[0], pair[1]));
    }

    @Test
    void setCookie_valueWithSpaceOrComma_isQuotedLikeGo() {
        StickyCookie config = named("n");

        assertEquals("n=\"a b\"; Path=/", StickyCookies.setCookie(config, "n", "a b"));
        assertEquals("n=ab; Path=/", StickyCookies.setCookie(config, "n", "a\"b"));
    }

    @Test
    void setCookie_invalidName_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> StickyCookies.setCookie(named("n"), "a b", "v"));
        assertThrows(IllegalArgumentException.class, () -> StickyCookies.setCookie(named("n"), "", "v"));
    }

    @Test
    void attributes_areTheSuffixOfSetCookie() {
        StickyCookie config = new StickyCookie("", true, false, "none", 10, "/", "example.com");

        assertEquals("; Path=/; Domain=example.com; Max-Age=10; Secure; SameSite=None", StickyCookies.attributes(config));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            example.com       | true
            .example.com      | true
            a-b.example.com   | true
            localhost         | true
            1.2.3.4           | true
            255.255.255.255   | true
            256.1.1.1         | false
            01.2.3.4          | false
            1.2.3             | false
            123               | false
            a..b              | false
            a.-b              | false
            a-.b              | false
            a-                | false
            ..a               | false
            xn--bcher-kva.ch  | true
            under_score.com   | false
            ä.com             | false
            """)
    void validDomain_likeGoNetHttp(String domain, boolean expected) {
        assertEquals(expected, StickyCookies.validDomain(domain));
    }

    @Test
    void validDomain_labelLengthAndTotalLength() {
        String label63 = "a".repeat(63);
        assertTrue(StickyCookies.validDomain(label63 + ".com"));
        assertFalse(StickyCookies.validDomain(label63 + "a.com"));
        String long255 = (label63 + ".").repeat(4).substring(0, 255);
        assertTrue(StickyCookies.validDomain(long255.replaceAll("\\.$", "a")));
        assertFalse(StickyCookies.validDomain(long255 + "a"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "NONE", textBlock = """
            _fc6bd=7224574e5eb8702c                        | _fc6bd | 7224574e5eb8702c
            a=1; _fc6bd=abc; _fc6bd=def                    | _fc6bd | abc
            `  _fc6bd  =abc  `                             | _fc6bd | abc
            _fc6bd="abc"                                   | _fc6bd | abc
            _fc6bd="                                       | _fc6bd | NONE
            _fc6bd=""                                      | _fc6bd | ``
            _fc6bd                                         | _fc6bd | ``
            _fc6bd=a b                                     | _fc6bd | a b
            _fc6bd=a\\b; _fc6bd=ok                         | _fc6bd | ok
            _fc6bd=é; _fc6bd=ok                            | _fc6bd | ok
            _FC6BD=upper                                   | _fc6bd | NONE
            ;;; ; _fc6bd=x ;                              | _fc6bd | x
            other=1                                        | _fc6bd | NONE
            `bad name=1; _fc6bd=2`                         | _fc6bd | 2
            a=b=c                                          | a      | b=c
            `_fc6bd= x`                                    | _fc6bd | ` x`
            """)
    void requestCookie_parsedLikeGo(String header, String name, String expected) {
        assertEquals(Optional.ofNullable(expected), StickyCookies.requestCookie(List.of(header), name));
    }

    @Test
    void requestCookie_severalHeaderLines_firstMatchingCookieWins() {
        List<String> lines = List.of("a=1", "_2544b=first; x=y", "_2544b=second");

        assertEquals(Optional.of("first"), StickyCookies.requestCookie(lines, "_2544b"));
        assertEquals(Optional.empty(), StickyCookies.requestCookie(List.of(), "_2544b"));
    }
}
