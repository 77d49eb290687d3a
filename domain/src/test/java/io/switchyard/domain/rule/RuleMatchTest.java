package io.switchyard.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matcher semantics, one table per matcher, built from rules.md §5.4, §5.5 and §5.8. */
final class RuleMatchTest {

    private static Arguments row(String rule, String hostHeader, String target, boolean expected) {
        return Arguments.of(rule, hostHeader, target, UnaryOperator.<TestRequest>identity(), expected);
    }

    private static Arguments row(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        return Arguments.of(rule, hostHeader, target, more, expected);
    }

    private static void check(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        TestRequest request = more.apply(TestRequest.get(hostHeader, target));
        assertEquals(expected, Rule.parse(rule).matches(request), () -> rule + " on " + request);
    }

    static Stream<Arguments> host() {
        return Stream.of(
                row("Host(`Example.COM`)", "example.com:8443", "/", true),
                row("Host(`example.com.`)", "example.com", "/", true),
                row("Host(`example.com`)", "example.com.", "/", true),
                row("Host(`example.com`)", "EXAMPLE.com", "/", true),
                row("Host(`*.example.com`)", "api.example.com", "/", true),
                row("Host(`*.example.com`)", "a.b.example.com", "/", false),
                row("Host(`*.example.com`)", "example.com", "/", false),
                row("Host(`*.example.com`)", "api.example.com.", "/", true),
                row("Host(`*.example.com.`)", "api.example.com", "/", true),
                row("Host(`example.com:8080`)", "example.com:8080", "/", false),
                row("Host(`example.com`)", "", "/", false),
                row("Host(`*`)", "", "/", true),
                row("Host(`*`)", "a.b.c", "/", true),
                row("Host(`*.`)", "localhost", "/", true),
                row("Host(`*.`)", "localhost.", "/", true),
                row("Host(`*.`)", "a.localhost", "/", false),
                row("Host(`::1`)", "[::1]:8080", "/", true),
                row("Host(`::1`)", "[::1]", "/", true),
                row("Host(`s.com`)", "\u017F.com", "/", true), // Go's EqualFold: long s folds to s
                row("Host(`i.com`)", "\u0131.com", "/", false)); // ... the dotless i does not
    }

    @ParameterizedTest(name = "{0} Host: {1}")
    @MethodSource
    void host(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        check(rule, hostHeader, target, more, expected);
    }

    static Stream<Arguments> hostRegexp() {
        return Stream.of(
                row("HostRegexp(`example\\.com`)", "notexample.com.evil", "/", true),
                row("HostRegexp(`^example\\.com$`)", "notexample.com.evil", "/", false),
                row("HostRegexp(`^[a-z]+\\.example\\.com$`)", "API.example.com:443", "/", true),
                row("HostRegexp(`^[a-z]+\\.example\\.com$`)", "a.b.example.com", "/", false),
                row("HostRegexp(`^Example\\.com$`)", "example.com", "/", false), // host is lower-cased, regex is not
                row("HostRegexp(`(?i)^Example\\.com$`)", "example.com", "/", true),
                // [QUIRK] a regex matching "" matches every request, even one without a host
                row("HostRegexp(`^$`)", "example.com", "/", true),
                row("HostRegexp(`^[a-z]*$`)", "x-1.example.com", "/", true),
                row("HostRegexp(`^[a-z]+$`)", "", "/", false));
    }

    @ParameterizedTest(name = "{0} Host: {1}")
    @MethodSource
    void hostRegexp(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        check(rule, hostHeader, target, more, expected);
    }

    static Stream<Arguments> path() {
        return Stream.of(
                // rules.md §5.5 table
                row("PathPrefix(`/foo bar`)", "a", "/foo%20bar/x", true),
                row("Path(`/a/b`)", "a", "/foo%20bar/x", false),
                row("PathPrefix(`/foo bar`)", "a", "/a%2Fb", false),
                row("Path(`/a/b`)", "a", "/a%2Fb", false),
                row("Path(`/a%2Fb`)", "a", "/a%2Fb", true),
                row("Path(`/a%2Fb`)", "a", "/a%2fb", true), // normalisation upper-cases the hex
                row("PathPrefix(`/foo bar`)", "a", "/a/./b", false),
                row("Path(`/a/b`)", "a", "/a/./b", true),
                row("Path(`/caf\u00e9`)", "a", "/caf%C3%A9", true),
                row("Path(`/a/c/d~%2Fx`)", "a", "/a/./b/../c//d%7e%2fx", true), // proxy.md §4.1 worked example
                row("PathPrefix(`/api`)", "a", "/apiv2", true), // not segment-aware
                row("PathPrefix(`/API`)", "a", "/api", false),
                row("Path(`/api`)", "a", "/api/", false),
                row("PathRegexp(`^/api/v[0-9]+/`)", "a", "/api/v12/users", true),
                row("PathRegexp(`v[0-9]+`)", "a", "/api/v12/users", true), // unanchored
                row("PathRegexp(`^/users$`)", "a", "/users%0A", false)); // RE2's $ is end of text
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource
    void path(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        check(rule, hostHeader, target, more, expected);
    }

    static Stream<Arguments> method() {
        return Stream.of(
                row("Method(`get`)", "a", "/", true),
                row("Method(`GET`)", "a", "/", r -> r.withMethod("get"), false),
                row("Method(`POST`)", "a", "/", false),
                row("!Method(`GET`) && PathPrefix(`/api`)", "a", "/api/v1", r -> r.withMethod("POST"), true),
                row("!Method(`GET`) && PathPrefix(`/api`)", "a", "/api/v1", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void method(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        check(rule, hostHeader, target, more, expected);
    }

    static Stream<Arguments> header() {
        return Stream.of(
                row("Header(`x-env`, `prod`)", "a", "/", r -> r.withHeader("X-Env", "prod"), true),
                row("Header(`x-env`, `prod`)", "a", "/", r -> r.withHeader("X-Env", "prod, canary"), false),
                row("Header(`X-Env`, `prod`)", "a", "/", r -> r.withHeader("x-env", "canary").withHeader("x-env", "prod"), true),
                row("Header(`X-Env`, `Prod`)", "a", "/", r -> r.withHeader("x-env", "prod"), false),
                row("Header(`Host`, `a`)", "a", "/", r -> r.withHeader("Host", "a"), false), // Host is not a header in Go
                row("Header(`x env`, `a`)", "a", "/", r -> r.withHeader("x env", "a"), false), // not a token
                row("HeaderRegexp(`X-Env`, `^prod`)", "a", "/", r -> r.withHeader("x-env", "prod, canary"), true),
                row("HeaderRegexp(`X-Env`, `canary$`)", "a", "/", r -> r.withHeader("x-env", "canary, prod"), false),
                row("HeaderRegexp(`X-Env`, `.*`)", "a", "/", false), // absent header: no value line to match
                // value lines are octets: "Jürgen" in UTF-8 bytes matches the rule's text, as in Go
                row("Header(`X-Name`, `J\u00fcrgen`)", "a", "/", r -> r.withHeader("x-name", "J\u00c3\u00bcrgen"), true),
                row("Header(`X-Name`, `J\u00fcrgen`)", "a", "/", r -> r.withHeader("x-name", "J\u00fcrgen"), false),
                row("HeaderRegexp(`X-Name`, `^J\u00fc`)", "a", "/", r -> r.withHeader("x-name", "J\u00c3\u00bcrgen"), true),
                row("HeaderRegexp(`X-Name`, `^J.r`)", "a", "/", r -> r.withHeader("x-name", "J\u00c3\u00bcrgen"), true),
                row("HeaderRegexp(`X-Name`, `^J..r`)", "a", "/", r -> r.withHeader("x-name", "J\u00c3\u00bcrgen"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void header(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        check(rule, hostHeader, target, more, expected);
    }

    static Stream<Arguments> query() {
        return Stream.of(
                row("Query(`debug`)", "a", "/?debug=1", false),
                row("Query(`debug`)", "a", "/?debug", true),
                row("Query(`debug`)", "a", "/?debug=", true),
                row("Query(`debug`)", "a", "/?x=1", false),
                row("Query(`q`, `a b`)", "a", "/?q=a+b", true),
                row("Query(`q`, `a b`)", "a", "/?q=a%20b", true),
                row("Query(`q`, `a+b`)", "a", "/?q=a%2Bb", true),
                row("Query(`r`, `2`)", "a", "/?q=1;r=2", true), // ';' separates too
                row("Query(`q`, `1`)", "a", "/?q=%zz&q=1", true), // a malformed pair is skipped
                row("Query(`q`, `%zz`)", "a", "/?q=%zz", false),
                row("Query(`caf\u00e9`, `1`)", "a", "/?caf%C3%A9=1", true),
                row("Query(`Q`, `1`)", "a", "/?q=1", false),
                row("QueryRegexp(`v`, `^[0-9]+$`)", "a", "/?v=abc&v=42", true),
                row("QueryRegexp(`v`, `^[0-9]+$`)", "a", "/?v=abc", false),
                row("QueryRegexp(`v`)", "a", "/?v", true),
                row("QueryRegexp(`v`)", "a", "/?v=1", false));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource
    void query(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        check(rule, hostHeader, target, more, expected);
    }

    static Stream<Arguments> clientIp() {
        return Stream.of(
                row("ClientIP(`10.0.0.0/8`)", "a", "/", r -> r.withPeer("10.1.2.3").withHeader("X-Forwarded-For", "1.1.1.1"), true),
                row("ClientIP(`10.0.0.0/8`)", "a", "/", r -> r.withPeer("11.1.2.3").withHeader("X-Forwarded-For", "10.1.1.1"), false),
                row("ClientIP(`10.0.0.0/8`)", "a", "/", r -> r.withPeer("::ffff:10.1.2.3"), true),
                row("ClientIP(`10.1.2.3`)", "a", "/", r -> r.withPeer("::ffff:10.1.2.3"), true),
                row("ClientIP(`::ffff:10.1.2.3`)", "a", "/", r -> r.withPeer("10.1.2.3"), true),
                row("ClientIP(`::ffff:10.0.0.0/104`)", "a", "/", r -> r.withPeer("10.9.9.9"), true),
                row("ClientIP(`2001:db8::/32`)", "a", "/", r -> r.withPeer("2001:db8:1::5"), true),
                row("ClientIP(`2001:db8::/32`)", "a", "/", r -> r.withPeer("2001:db9::5"), false),
                row("ClientIP(`fe80::1`)", "a", "/", r -> r.withPeer("fe80::1%eth0"), true),
                row("ClientIP(`::/0`)", "a", "/", r -> r.withPeer("1.2.3.4"), false), // Go: an IPv6 net never holds IPv4
                row("ClientIP(`0.0.0.0/0`)", "a", "/", r -> r.withPeer("1.2.3.4"), true),
                row("ClientIP(`1.2.3.4`)", "a", "/", r -> r.withPeer("not-an-ip"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void clientIp(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        check(rule, hostHeader, target, more, expected);
    }

    static Stream<Arguments> logic() {
        return Stream.of(
                row("Host(`a.com`) || Host(`b.com`) && Path(`/x`)", "a.com", "/y", true), // && binds tighter
                row("(Host(`a.com`) || Host(`b.com`)) && Path(`/x`)", "a.com", "/y", false),
                row("!(Host(`a.com`) || Path(`/x`))", "b.com", "/y", true),
                row("!(Host(`a.com`) || Path(`/x`))", "b.com", "/x", false),
                row("!(Host(`a.com`) && Path(`/x`))", "a.com", "/y", true),
                row("!!Host(`a.com`)", "a.com", "/", true),
                row("!!!Host(`a.com`)", "a.com", "/", false),
                row("host(`a.com`)", "a.com", "/", true),
                row("HOST(`a.com`)", "a.com", "/", true),
                row("Hostregexp(`a`)", "a.com", "/", true),
                row("Host(\"a.com\")", "a.com", "/", true),
                row("Host(\"\\x61.com\")", "a.com", "/", true));
    }

    @ParameterizedTest(name = "{0} Host: {1} {2}")
    @MethodSource
    void logic(String rule, String hostHeader, String target, UnaryOperator<TestRequest> more, boolean expected) {
        check(rule, hostHeader, target, more, expected);
    }

    @Test
    void warnings_emptyMatchingHostRegexp_isReported() {
        assertFalse(Rule.parse("HostRegexp(`^$`)").warnings().isEmpty());
        assertTrue(Rule.parse("HostRegexp(`^a$`)").warnings().isEmpty());
        assertFalse(Rule.parse("PathRegexp(`^(a+)+$`)").warnings().isEmpty());
    }

    @Test
    void parse_negation_isPushedToTheLeaves() {
        assertEquals("(!Host(`a.com`) && !Path(`/x`))", Rule.parse("!(Host(`a.com`) || Path(`/x`))").compiled());
    }
}
