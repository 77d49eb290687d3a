package io.switchyard.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.http.HttpTokens;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The v3 grammar (rules.md §5.2) and invalid rules (§5.7): what parses, and where and why the rest fails. */
final class RuleParseTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Host(`a.com`)",
            "host(`a.com`)",
            "HOST(`a.com`)",
            "Host(`a.com`,)",
            "PathPrefix(`/`)",
            "pathprefix(`/`)",
            "PATHPREFIX(`/`)",
            "Pathprefix(`/`)",
            "ClientIP(`10.0.0.0/8`)",
            "clientip(`::1`)",
            "Clientip(`::1`)",
            "Query(`a`, `b`,)",
            "  Host( `a.com` )\t&&\tPath(`/`)  ",
            "Host(`a`) &&\nPath(`/`)",
            "Host(`a`) ||\r\n  Path(`/`)",
            "Host(`a`)\n",
            "Host(`a`)\n\n  \t",
            "Host(`a`) && (Path(`/`) ||\nPath(`/b`))",
            "Host(\n`a`,\n)",
            "Host(`a\nb`)",
            "Host(\"a.com\")",
            "Header(\"X-A\", \"\\t\\\"q\\\"\\u00e9\\U0001F600\\101\\x41\")",
            "Host(`a`) /* comment */ && Path(`/`)",
            "Host(`a`) // trailing comment",
            "/* leading */ Host(`a`)",
            "Host(`a`) && // comment\nPath(`/`)",
            "\uFEFFHost(`a`)",
            "!(!Host(`a`) || !(Path(`/`)))",
    })
    void parse_validRule_isAccepted(String text) {
        Rule rule = Rule.parse(text);
        assertEquals(text, rule.text());
    }

    @Test
    void parse_doubleQuotedEscapes_areDecodedAsGoDoes() {
        // field values are octets: the UTF-8 bytes of the text the escapes spell
        TestRequest request = TestRequest.get("a", "/").withHeader("X-A", HttpTokens.octets("\t\"q\"\u00e9\uD83D\uDE00AA"));
        assertTrue(Rule.parse("Header(\"X-A\", \"\\t\\\"q\\\"\\u00e9\\U0001F600\\101\\x41\")").matches(request));
        assertTrue(Rule.parse("Path(\"/caf\\xc3\\xa9\")").matches(TestRequest.get("a", "/caf%C3%A9")));
        assertTrue(Rule.parse("Path(`/a\r\nb`)").matches(TestRequest.get("a", "/a%0Ab")), "\\r is dropped from raw strings");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // rule, position, message fragment
                Arguments.of("", 0, "unexpected end of rule at position 0 (expected: a matcher such as Host(`example.com`)"),
                Arguments.of("pathPrefix(`/`)", 0, "unknown matcher 'pathPrefix'"),
                Arguments.of("clientIP(`::1`)", 0, "unknown matcher 'clientIP'"),
                Arguments.of("Host(`a`) && Foo(`b`)", 13, "unknown matcher 'Foo'"),
                Arguments.of("Host('a.com')", 5, "character literal at position 5 (expected: a string in backticks or double quotes)"),
                Arguments.of("Host(a.com)", 5, "unexpected 'a' at position 5 (expected: a string in backticks or double quotes)"),
                Arguments.of("Host(42)", 5, "unexpected number 42"),
                Arguments.of("Host(`a`)\n&& Path(`/`)", 9, "unexpected line break"),
                Arguments.of("Host(`a`\n)", 8, "unexpected line break"),
                Arguments.of("Host(`a`) /* x\ny */ && Path(`/`)", 10, "unexpected line break"),
                Arguments.of("Host(`a`);", 9, "unexpected ';'"),
                Arguments.of("Host(`a`) & Path(`/`)", 10, "unexpected '&' (use '&&')"),
                Arguments.of("Host(`a`) | Path(`/`)", 10, "unexpected '|' (use '||')"),
                Arguments.of("Host(`a`) == Path(`/`)", 10, "unexpected '='"),
                Arguments.of("Host(`a`) Path(`/`)", 10, "unexpected 'Path' at position 10 (expected: '&&', '||' or end of rule)"),
                Arguments.of("Host(`a`) &&", 12, "unexpected end of rule"),
                Arguments.of("(Host(`a`)", 10, "unexpected end of rule at position 10 (expected: '&&', '||' or ')')"),
                Arguments.of("Host(`a`))", 9, "unexpected ')'"),
                Arguments.of("Host", 4, "(expected: '(' after the matcher name Host)"),
                Arguments.of("Host(`a`,,)", 9, "unexpected ','"),
                Arguments.of("Host(,)", 5, "unexpected ','"),
                Arguments.of("Host(`a` `b`)", 9, "unexpected string"),
                Arguments.of("Host(`a)", 5, "raw string literal not terminated"),
                Arguments.of("Host(\"a)", 5, "string literal not terminated"),
                Arguments.of("Host(\"a\nb\")", 5, "string literal not terminated"),
                Arguments.of("Host(\"\\'\")", 6, "unknown escape sequence \\'"),
                Arguments.of("Host(\"\\q\")", 6, "unknown escape sequence \\q"),
                Arguments.of("Host(\"\\x4\")", 9, "illegal character U+0022 in escape sequence"),
                Arguments.of("Host(\"\\400\")", 6, "escape sequence is invalid Unicode code point"),
                Arguments.of("Host(\"\\ud800\")", 6, "escape sequence is invalid Unicode code point"),
                Arguments.of("Host(`a`) /* open", 10, "comment not terminated"),
                Arguments.of("Host(`a\u0000`)", 7, "illegal character NUL"),
                Arguments.of("Host(`a`) # x", 10, "illegal character U+0023 '#'"),
                Arguments.of("Host()", 0, "Host has no arguments at position 0 (expected: 1)"),
                Arguments.of("Host(`a`, `b`)", 0, "Host has 2 arguments at position 0 (expected: 1)"),
                Arguments.of("Header(`a`)", 0, "Header has 1 arguments at position 0 (expected: 2)"),
                Arguments.of("Query(`a`, `b`, `c`)", 0, "Query has 3 arguments at position 0 (expected: 1 or 2)"),
                Arguments.of("Query(`a`, ``)", 11, "empty argument to Query at position 11 (expected: a non-empty string)"),
                Arguments.of("Host(\"\")", 5, "empty argument to Host"),
                Arguments.of("Host(`ex\u00e4mple.com`)", 5, "non-ASCII value \"ex\u00e4mple.com\" for Host"),
                Arguments.of("HostRegexp(`\u00e4`)", 11, "non-ASCII value"),
                Arguments.of("Host(\"\\xff\")", 5, "non-ASCII value"),
                Arguments.of("Path(`api`)", 5, "value \"api\" for Path does not start with '/'"),
                Arguments.of("PathPrefix(`api`)", 11, "value \"api\" for PathPrefix does not start with '/'"),
                Arguments.of("PathRegexp(`(a`)", 11, "invalid regular expression for PathRegexp: missing closing ): `(a`"),
                Arguments.of("PathRegexp(`(a)\\1`)", 11, "invalid escape sequence: `\\1`"),
                Arguments.of("PathRegexp(`a(?=b)`)", 11, "invalid or unsupported Perl syntax: `(?=`"),
                Arguments.of("PathRegexp(`a++`)", 11, "invalid nested repetition operator: `++`"),
                Arguments.of("PathRegexp(\"\\xff\")", 11, "invalid regular expression for PathRegexp: invalid UTF-8"),
                Arguments.of("HeaderRegexp(`X`, `[a`)", 18, "missing closing ]: `[a`"),
                Arguments.of("QueryRegexp(`v`, `*`)", 17, "missing argument to repetition operator: `*`"),
                Arguments.of("ClientIP(`10.0.0.0/33`)", 9, "invalid IP address or CIDR \"10.0.0.0/33\" for ClientIP"),
                Arguments.of("ClientIP(`010.0.0.1`)", 9, "invalid IP address or CIDR"),
                Arguments.of("ClientIP(`fe80::1%eth0`)", 9, "invalid IP address or CIDR"),
                Arguments.of("ClientIP(`10.0.0.1`, `10.0.0.2`)", 0, "ClientIP has 2 arguments"),
                Arguments.of("Host(`a`) && -Path(`/`)", 13, "unexpected '-'"),
                Arguments.of("Host(`a`).x", 9, "unexpected '.'"),
                Arguments.of("Host(`a`)(`b`)", 9, "unexpected '('"),
                Arguments.of("(Host)(`a`)", 5, "(expected: '(' after the matcher name Host)"),
                Arguments.of("Host(`a`) && \uD800", 13, "illegal UTF-8 encoding"),
                Arguments.of("(".repeat(RuleParser.MAX_DEPTH + 1) + "Host(`a`)" + ")".repeat(RuleParser.MAX_DEPTH + 1),
                        RuleParser.MAX_DEPTH, "rule nests too deeply"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void invalid(String text, int position, String message) {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> Rule.parse(text));
        assertEquals(position, e.position(), e::getMessage);
        assertTrue(e.getMessage().contains(message), () -> "message: " + e.getMessage());
        assertTrue(e.getMessage().contains("at position " + position), e::getMessage);
    }

    @Test
    void parse_deepButAllowedNesting_isAccepted() {
        int depth = RuleParser.MAX_DEPTH;
        String text = "(".repeat(depth) + "Host(`a`)" + ")".repeat(depth);
        assertTrue(Rule.parse(text).matches(TestRequest.get("a", "/")));
        String negations = "!".repeat(100_001) + "Host(`a`)";
        assertTrue(!Rule.parse(negations).matches(TestRequest.get("a", "/")));
    }

    @Test
    void parse_longChains_doNotRecurse() {
        String chain = String.join(" && ", java.util.Collections.nCopies(20_000, "PathPrefix(`/`)"));
        assertTrue(Rule.parse(chain).matches(TestRequest.get("a", "/x")));
    }
}
