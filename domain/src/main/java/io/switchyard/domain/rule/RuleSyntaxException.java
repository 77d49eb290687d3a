package io.switchyard.domain.rule;

/**
 * A rule that is not valid v3 syntax (rules.md §5.2, §5.7): a Go parse error, an unknown matcher
 * or spelling, a non-string or empty argument, a wrong argument count, or a value the matcher
 * rejects (non-ASCII host, path without leading {@code /}, regex that does not compile, unparsable
 * {@code ClientIP}). The router carrying the rule is disabled; other routers are unaffected.
 *
 * <p>The message names the problem, the position and, where there is one, what was expected, e.g.
 * {@code unexpected ')' at position 12 (expected: a matcher such as Host(`example.com`), '!' or '(')}.
 */
public final class RuleSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int position;

    RuleSyntaxException(String problem, int position, String expected) {
        super(problem + " at position " + position + (expected == null ? "" : " (expected: " + expected + ")"));
        this.position = position;
    }

    /** Zero-based offset, in UTF-16 units of the rule text, where the problem was found. */
    public int position() {
        return position;
    }
}
