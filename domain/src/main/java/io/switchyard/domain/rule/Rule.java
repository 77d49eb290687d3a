package io.switchyard.domain.rule;

import java.util.List;
import java.util.Objects;

/**
 * A router rule in Traefik's v3 syntax (rules.md §5), parsed and compiled once: matcher values
 * validated, regexes compiled, negations pushed to the leaves. Immutable and thread-safe;
 * {@link #matches} compiles nothing and allocates nothing beyond what a regex search needs.
 *
 * <pre>{@code
 * Rule rule = Rule.parse("Host(`example.com`) && PathPrefix(`/api`)");
 * rule.matches(request);
 * }</pre>
 *
 * <p>Regular expressions use RE2 syntax, translated to {@code java.util.regex}; constructs RE2
 * rejects (back-references, look-around, possessive and atomic groups) make the rule invalid. See
 * docs/rules.md for the few deliberate differences from Traefik.
 */
public final class Rule {
    private final String text;
    private final Node root;
    private final List<String> warnings;
    private final List<IndexHint> hints;

    Rule(String text, Node root, List<String> warnings) {
        this.text = text;
        this.root = root;
        this.warnings = List.copyOf(warnings);
        this.hints = IndexHint.of(root);
    }

    /**
     * Parses {@code text} as a v3 rule.
     *
     * @throws RuleSyntaxException when the rule is invalid (rules.md §5.7); the message says where
     *                             and what was expected
     */
    public static Rule parse(String text) {
        Objects.requireNonNull(text, "text");
        return new RuleParser(text).parse();
    }

    /** Whether {@code request} satisfies the rule. */
    public boolean matches(RequestFacts request) {
        return root.test(request);
    }

    /** The rule exactly as written. */
    public String text() {
        return text;
    }

    /**
     * Valid but surprising constructs worth a log line, e.g. a {@code HostRegexp} that can match
     * the empty string and therefore matches every request (rules.md §5.4), or a regex with nested
     * unbounded repetition, which {@code java.util.regex} may backtrack on for long.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** The route index's view of the rule. */
    List<IndexHint> indexHints() {
        return hints;
    }

    /** The compiled expression, negations pushed to the leaves (for diagnostics). */
    String compiled() {
        return root.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rule other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
