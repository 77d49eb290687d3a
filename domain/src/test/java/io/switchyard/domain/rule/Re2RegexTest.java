package io.switchyard.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RE2 semantics on java.util.regex: where the two flavours read the same text differently, RE2 wins. */
final class Re2RegexTest {

    static Stream<Arguments> searches() {
        return Stream.of(
                // regex, input, RE2's answer
                Arguments.of("^abc$", "abc", true),
                Arguments.of("^abc$", "abc\n", false), // Java's $ would match before a final line break
                Arguments.of("(?m)^abc$", "x\nabc\ny", true),
                Arguments.of("(?m)^$", "abc\n", true), // RE2: an empty line after the final \n
                Arguments.of("a.c", "a\nc", false),
                Arguments.of("a.c", "a\rc", true), // Java's . would refuse \r
                Arguments.of("(?s)a.c", "a\nc", true),
                Arguments.of("a\\sb", "a\u000Bb", false), // RE2's \s has no \v
                Arguments.of("a[[:space:]]b", "a\u000Bb", true),
                Arguments.of("\\bx\\b", "\u00e9x\u00e9", true), // ASCII word boundary
                Arguments.of("\\Bx", "\u00e9x", false),
                Arguments.of("[a&&b]", "&", true), // no class intersection in RE2
                Arguments.of("a{,3}", "a{,3}", true), // not a repetition: literal text
                Arguments.of("a{,3}", "aaa", false),
                Arguments.of("x{2}", "xx", true),
                Arguments.of("(?P<name>a+)b", "aab", true),
                Arguments.of("(?<name>a+)b", "aab", true),
                Arguments.of("[[:alpha:]]+[[:^digit:]]", "ab!", true),
                Arguments.of("[[:upper:]]", "a", false),
                Arguments.of("(?i)[[:upper:]]", "a", true),
                Arguments.of("(?i)hello", "HeLLo", true),
                Arguments.of("(?i:h)ello", "Hello", true),
                Arguments.of("(?i:h)ello", "HELLO", false),
                Arguments.of("a(?i)b|c", "C", true), // flags run to the end of the group, across '|'
                Arguments.of("(a(?i)b)c", "aBC", false),
                Arguments.of("\\Qa.b*\\E", "a.b*", true),
                Arguments.of("\\Qa.b*\\E", "axbb", false),
                Arguments.of("\\Qa.b", "a.b", true),
                Arguments.of("(?U)a+", "aaa", true),
                Arguments.of("\\x41\\x{42}\\101", "ABA", true),
                Arguments.of("\\pL+", "\u00e9t\u00e9", true),
                Arguments.of("\\p{Greek}", "\u03b1", true),
                Arguments.of("\\P{Greek}", "\u03b1", false),
                Arguments.of("\\p{^Greek}", "a", true),
                Arguments.of("[\\p{Lu}\\d]", "5", true),
                Arguments.of("\\p{Any}", "x", true),
                Arguments.of("\\pC", "\u0378", false), // unassigned: not in Go's C
                Arguments.of("[^a]", "\n", true),
                Arguments.of("^$", "", true),
                Arguments.of("", "anything", true),
                Arguments.of("a|", "b", true),
                Arguments.of("^(?:)*$", "", true),
                Arguments.of("[]a]", "]", true),
                Arguments.of("[^]a]", "b", true),
                Arguments.of("[a-]", "-", true),
                Arguments.of("a\\.b", "a.b", true),
                Arguments.of("\\_", "_", true),
                Arguments.of("^(a|b)*$", "ab".repeat(50_000), true), // merged into [ab]*: no recursion
                Arguments.of("^(a|[b-c]|\\d)+$", "ab5".repeat(50_000), true));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource
    void searches(String regex, String input, boolean expected) {
        Re2Regex compiled = Re2Regex.compile(regex);
        assertEquals(expected, compiled.find(input), () -> regex + " as " + compiled.javaPattern());
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                // Go's messages (error parsing regexp: <code>: `<text>`)
                Arguments.of("(a)\\1", "invalid escape sequence: `\\1`"),
                Arguments.of("(?=a)", "invalid or unsupported Perl syntax: `(?=`"),
                Arguments.of("(?!a)", "invalid or unsupported Perl syntax: `(?!`"),
                Arguments.of("(?<=a)", "invalid named capture: `(?<=a)`"),
                Arguments.of("(?<!a)", "invalid named capture: `(?<!a)`"),
                Arguments.of("(?>a)", "invalid or unsupported Perl syntax: `(?>`"),
                Arguments.of("a*+", "invalid nested repetition operator: `*+`"),
                Arguments.of("a++", "invalid nested repetition operator: `++`"),
                Arguments.of("a**", "invalid nested repetition operator: `**`"),
                Arguments.of("a{2}{3}", "invalid nested repetition operator: `{2}{3}`"),
                Arguments.of("a*??", "invalid nested repetition operator: `*??`"),
                Arguments.of("*a", "missing argument to repetition operator: `*`"),
                Arguments.of("(|*)", "missing argument to repetition operator: `*`"),
                Arguments.of("a{1001}", "invalid repeat count: `{1001}`"),
                Arguments.of("a{2,1}", "invalid repeat count: `{2,1}`"),
                Arguments.of("(a{100}){100}", "invalid repeat count: `{100}`"),
                Arguments.of("(a", "missing closing ): `(a`"),
                Arguments.of("a)", "unexpected ): `a)`"),
                Arguments.of("[a", "missing closing ]: `[a`"),
                Arguments.of("[z-a]", "invalid character class range: `z-a`"),
                Arguments.of("[[:foo:]]", "invalid character class range: `[:foo:]`"),
                Arguments.of("\\p{Foo}", "invalid character class range: `\\p{Foo}`"),
                Arguments.of("\\p{greek}", "invalid character class range: `\\p{greek}`"),
                Arguments.of("\\C", "invalid escape sequence: `\\C`"),
                Arguments.of("\\Z", "invalid escape sequence: `\\Z`"),
                Arguments.of("\\e", "invalid escape sequence: `\\e`"),
                Arguments.of("[\\b]", "invalid escape sequence: `\\b`"),
                Arguments.of("\\x{110000}", "invalid escape sequence: `\\x{110000`"),
                Arguments.of("\\xZ1", "invalid escape sequence: `\\xZ1`"),
                Arguments.of("a\\", "trailing backslash at end of expression: ``"),
                Arguments.of("(?i", "invalid or unsupported Perl syntax: `(?i`"),
                Arguments.of("(?-)", "invalid or unsupported Perl syntax: `(?-)`"),
                Arguments.of("(?P=n)", "invalid or unsupported Perl syntax: `(?P`"),
                Arguments.of("(?P<n-1>a)", "invalid named capture: `(?P<n-1>`"),
                Arguments.of("(".repeat(1001) + ")".repeat(1001), "expression nests too deeply"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void rejected(String regex, String message) {
        Re2Regex.Re2SyntaxException e = assertThrows(Re2Regex.Re2SyntaxException.class, () -> Re2Regex.compile(regex));
        assertEquals(true, e.getMessage().startsWith(message), e::getMessage);
    }

    @Test
    void find_stackOverflowOnHugeInput_countsAsNoMatch() {
        // java.util.regex recurses once per repetition of a variable-length group; RE2 does not.
        // The overflow is caught and counts as no match (docs/rules.md) instead of failing the request.
        Re2Regex regex = Re2Regex.compile("^(a|bc)*$");
        assertEquals(true, regex.find("abc".repeat(100)));
        assertEquals(false, regex.find("abc".repeat(1_000_000)));
        assertEquals(true, Re2Regex.compile("^(ab)*$").find("ab".repeat(1_000_000)), "fixed-length groups loop");
    }

    @Test
    void indexHints_literalAnchors_areExtracted() {
        assertEquals("/api/v", Re2Regex.compile("^/api/v[0-9]+").anchoredPrefix());
        assertEquals("", Re2Regex.compile("/api").anchoredPrefix());
        assertEquals("", Re2Regex.compile("(?m)^/api").anchoredPrefix());
        assertEquals("/a", Re2Regex.compile("^/a(?i)b").anchoredPrefix());
        assertEquals(List.of(IndexHint.exactHost("a.example.com")), Re2Regex.compile("^a\\.example\\.com$").hostHints());
        assertEquals(List.of(IndexHint.hostSuffix(".example.com")), Re2Regex.compile("^[a-z]+\\.example\\.com$").hostHints());
        assertEquals(List.of(IndexHint.exactHost("a.com"), IndexHint.hostSuffix(".b.com")),
                Re2Regex.compile("^a\\.com$|x\\.b\\.com$").hostHints());
        assertEquals(IndexHint.ANYWHERE, Re2Regex.compile("example\\.com").hostHints());
        assertEquals(IndexHint.ANYWHERE, Re2Regex.compile("^a\\.com$|b").hostHints());
        assertEquals(IndexHint.ANYWHERE, Re2Regex.compile("(?i)^a\\.com$").hostHints());
    }
}
