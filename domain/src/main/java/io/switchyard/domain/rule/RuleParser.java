package io.switchyard.domain.rule;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written parser for the v3 rule grammar (rules.md §5.2): the subset of Go expressions that
 * Traefik accepts, scanned as Go's {@code go/scanner} does (string literals and their escapes,
 * comments, and the automatic semicolon after a line ending in {@code )} or a string), then
 * restricted as {@code vulcand/predicate} and Traefik's {@code rules} package do. One pass, linear
 * in the input; nesting of parentheses is limited (see {@link #MAX_DEPTH}).
 */
final class RuleParser {
    /**
     * Deepest parenthesis nesting accepted. Go allows 100 000; a Java recursive descent would
     * overflow the stack long before, and no real rule comes near 1000 (docs/rules.md).
     */
    static final int MAX_DEPTH = 1000;

    private static final String OPERAND = "a matcher such as Host(`example.com`), '!' or '('";
    private static final String ARGUMENT = "a string in backticks or double quotes";

    private enum Tok { EOF, NEWLINE, IDENT, STRING, LPAREN, RPAREN, COMMA, AND, OR, NOT, OTHER }

    private final String src;
    private final int n;
    private final List<String> warnings = new ArrayList<>();
    private int pos;
    private boolean insertSemi;
    private int depth;

    private Tok tok;
    private int tokPos;
    private String tokText;
    private Matchers.Arg tokString;

    RuleParser(String src) {
        this.src = src;
        this.n = src.length();
    }

    Rule parse() {
        checkCharacters();
        if (n > 0 && src.charAt(0) == '\uFEFF') {
            pos = 1;
        }
        next();
        Node root = parseOr();
        if (tok == Tok.NEWLINE) {
            // Go's ParseExpr accepts one automatic semicolon, then needs the end of the input
            int newline = tokPos;
            next();
            if (tok != Tok.EOF) {
                throw new RuleSyntaxException("unexpected line break (Go ends the expression at a line break after ')'"
                        + " or a string)", newline, "'&&' or '||' before the line break, not after it");
            }
        }
        if (tok != Tok.EOF) {
            throw unexpected("'&&', '||' or end of rule");
        }
        return new Rule(src, root, warnings);
    }

    // ---------------------------------------------------------------- grammar

    private Node parseOr() {
        List<Node> parts = new ArrayList<>(2);
        parts.add(parseAnd());
        while (tok == Tok.OR) {
            next();
            parts.add(parseAnd());
        }
        return Node.anyOf(parts);
    }

    private Node parseAnd() {
        List<Node> parts = new ArrayList<>(2);
        parts.add(parseUnary());
        while (tok == Tok.AND) {
            next();
            parts.add(parseUnary());
        }
        return Node.allOf(parts);
    }

    private Node parseUnary() {
        boolean negated = false;
        while (tok == Tok.NOT) {
            negated = !negated;
            next();
        }
        Node operand = parsePrimary();
        return negated ? operand.negate() : operand;
    }

    private Node parsePrimary() {
        switch (tok) {
            case LPAREN -> {
                int open = tokPos;
                if (++depth > MAX_DEPTH) {
                    throw new RuleSyntaxException("rule nests too deeply", open, "at most " + MAX_DEPTH + " nested parentheses");
                }
                next();
                Node inner = parseOr();
                if (tok != Tok.RPAREN) {
                    throw unexpected("'&&', '||' or ')'");
                }
                depth--;
                next();
                return inner;
            }
            case IDENT -> {
                return parseCall();
            }
            default -> throw unexpected(OPERAND);
        }
    }

    private Node parseCall() {
        String name = tokText;
        int namePos = tokPos;
        next();
        if (tok != Tok.LPAREN) {
            throw unexpected("'(' after the matcher name " + name);
        }
        next();
        List<Matchers.Arg> args = new ArrayList<>(2);
        while (tok != Tok.RPAREN) {
            if (tok != Tok.STRING) {
                throw unexpected(ARGUMENT);
            }
            args.add(tokString);
            next();
            if (tok == Tok.COMMA) {
                next();
            } else if (tok != Tok.RPAREN) {
                throw unexpected("',' or ')' on the same line");
            }
        }
        next();
        return new Node.Leaf(Matchers.build(name, namePos, args, warnings), false);
    }

    private RuleSyntaxException unexpected(String expected) {
        String what = switch (tok) {
            case EOF -> "end of rule";
            case NEWLINE -> tokPos >= n ? "end of rule" : "line break (Go ends the expression at a line break after ')' or a string)";
            case IDENT -> "'" + tokText + "'";
            case STRING -> "string";
            case OTHER -> tokText;
            default -> "'" + tokText + "'";
        };
        return new RuleSyntaxException("unexpected " + what, tokPos, expected);
    }

    // ---------------------------------------------------------------- scanner

    /** What Go's scanner rejects anywhere, even inside strings and comments. */
    private void checkCharacters() {
        for (int i = 0; i < n; i++) {
            char c = src.charAt(i);
            if (c == 0) {
                throw new RuleSyntaxException("illegal character NUL", i, null);
            }
            if (c == '\uFEFF' && i > 0) {
                throw new RuleSyntaxException("illegal byte order mark", i, null);
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(src.charAt(i + 1))) {
                    i++;
                } else {
                    throw new RuleSyntaxException("illegal UTF-8 encoding (unpaired surrogate)", i, null);
                }
            }
        }
    }

    private void next() {
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' && !insertSemi) {
                pos++;
            } else if (c == '/' && pos + 1 < n && (src.charAt(pos + 1) == '/' || src.charAt(pos + 1) == '*')) {
                if (insertSemi && commentEndsLine(pos)) {
                    token(Tok.NEWLINE, pos, "\n");
                    insertSemi = false;
                    return;
                }
                skipComment();
            } else {
                break;
            }
        }
        if (pos >= n) {
            if (insertSemi) {
                insertSemi = false;
                token(Tok.NEWLINE, n, "\n");
                return;
            }
            token(Tok.EOF, n, "");
            return;
        }
        int start = pos;
        char c = src.charAt(pos);
        if (c == '\n') {
            insertSemi = false;
            pos++;
            token(Tok.NEWLINE, start, "\n");
            return;
        }
        insertSemi = false;
        switch (c) {
            case '(' -> single(Tok.LPAREN, "(");
            case ')' -> {
                single(Tok.RPAREN, ")");
                insertSemi = true;
            }
            case ',' -> single(Tok.COMMA, ",");
            case '!' -> {
                if (pos + 1 < n && src.charAt(pos + 1) == '=') {
                    other(2, "'!='");
                } else {
                    single(Tok.NOT, "!");
                }
            }
            case '&' -> {
                if (pos + 1 < n && src.charAt(pos + 1) == '&') {
                    pos += 2;
                    token(Tok.AND, start, "&&");
                } else {
                    other(1, "'&' (use '&&')");
                }
            }
            case '|' -> {
                if (pos + 1 < n && src.charAt(pos + 1) == '|') {
                    pos += 2;
                    token(Tok.OR, start, "||");
                } else {
                    other(1, "'|' (use '||')");
                }
            }
            case '`' -> {
                scanRawString();
                insertSemi = true;
            }
            case '"' -> {
                scanInterpretedString();
                insertSemi = true;
            }
            case '\'' -> throw new RuleSyntaxException("character literal", start, ARGUMENT);
            default -> {
                int cp = src.codePointAt(pos);
                if (cp == '_' || Character.isLetter(cp)) {
                    int end = pos;
                    while (end < n) {
                        int d = src.codePointAt(end);
                        if (d != '_' && !Character.isLetterOrDigit(d)) {
                            break;
                        }
                        end += Character.charCount(d);
                    }
                    tokText = src.substring(pos, end);
                    pos = end;
                    token(Tok.IDENT, start, tokText);
                    insertSemi = true;
                } else if (c >= '0' && c <= '9' || c == '.' && pos + 1 < n && src.charAt(pos + 1) >= '0' && src.charAt(pos + 1) <= '9') {
                    int end = pos;
                    while (end < n && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '.' || src.charAt(end) == '_')) {
                        end++;
                    }
                    other(end - pos, "number " + src.substring(pos, end));
                    insertSemi = true;
                } else if ("+-*/%^<>=~:.;[]{}".indexOf(c) >= 0) {
                    other(1, "'" + c + "'");
                } else {
                    throw new RuleSyntaxException(String.format("illegal character U+%04X '%s'", cp, Character.toString(cp)), start, null);
                }
            }
        }
    }

    private void single(Tok kind, String text) {
        token(kind, pos, text);
        pos++;
    }

    private void other(int length, String description) {
        token(Tok.OTHER, pos, description);
        pos += length;
    }

    private void token(Tok kind, int at, String text) {
        tok = kind;
        tokPos = at;
        tokText = text;
    }

    /** Go's findLineEnd: whether the comment(s) starting at {@code at} reach the end of the line. */
    private boolean commentEndsLine(int at) {
        int i = at;
        while (i + 1 < n && src.charAt(i) == '/' && (src.charAt(i + 1) == '/' || src.charAt(i + 1) == '*')) {
            if (src.charAt(i + 1) == '/') {
                return true;
            }
            int close = src.indexOf("*/", i + 2);
            if (close < 0) {
                return true;
            }
            int newline = src.indexOf('\n', i + 2);
            if (newline >= 0 && newline < close) {
                return true;
            }
            i = close + 2;
            while (i < n && (src.charAt(i) == ' ' || src.charAt(i) == '\t' || src.charAt(i) == '\r')) {
                i++;
            }
            if (i >= n || src.charAt(i) == '\n') {
                return true;
            }
        }
        return false;
    }

    private void skipComment() {
        if (src.charAt(pos + 1) == '/') {
            int newline = src.indexOf('\n', pos);
            pos = newline < 0 ? n : newline;
            return;
        }
        int close = src.indexOf("*/", pos + 2);
        if (close < 0) {
            throw new RuleSyntaxException("comment not terminated", pos, "'*/'");
        }
        pos = close + 2;
    }

    private void scanRawString() {
        int start = pos;
        int close = src.indexOf('`', pos + 1);
        if (close < 0) {
            throw new RuleSyntaxException("raw string literal not terminated", start, "a closing '`'");
        }
        String value = src.substring(pos + 1, close);
        if (value.indexOf('\r') >= 0) {
            value = value.replace("\r", "");
        }
        pos = close + 1;
        tokString = new Matchers.Arg(value, value.getBytes(StandardCharsets.UTF_8), true, start);
        token(Tok.STRING, start, value);
    }

    private void scanInterpretedString() {
        int start = pos;
        int i = pos + 1;
        ByteSink bytes = null;
        int runStart = i;
        while (true) {
            if (i >= n || src.charAt(i) == '\n') {
                throw new RuleSyntaxException("string literal not terminated", start, "a closing '\"' on the same line");
            }
            char c = src.charAt(i);
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                i++;
                continue;
            }
            if (bytes == null) {
                bytes = new ByteSink();
            }
            bytes.appendUtf8(src, runStart, i);
            i = scanEscape(i, bytes);
            runStart = i;
        }
        String value;
        byte[] raw;
        boolean valid = true;
        if (bytes == null) {
            value = src.substring(pos + 1, i);
            raw = value.getBytes(StandardCharsets.UTF_8);
        } else {
            bytes.appendUtf8(src, runStart, i);
            raw = bytes.toByteArray();
            try {
                value = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                valid = false;
                value = new String(raw, StandardCharsets.UTF_8);
            }
        }
        pos = i + 1;
        tokString = new Matchers.Arg(value, raw, valid, start);
        token(Tok.STRING, start, value);
    }

    /** Go's scanEscape for a double-quoted string (at the backslash); returns the index after it. */
    private int scanEscape(int at, ByteSink out) {
        int i = at + 1;
        if (i >= n || src.charAt(i) == '\n') {
            throw new RuleSyntaxException("escape sequence not terminated", at, null);
        }
        char c = src.charAt(i);
        int digits;
        int base;
        long max;
        switch (c) {
            case 'a' -> {
                out.write(7);
                return i + 1;
            }
            case 'b' -> {
                out.write(8);
                return i + 1;
            }
            case 'f' -> {
                out.write('\f');
                return i + 1;
            }
            case 'n' -> {
                out.write('\n');
                return i + 1;
            }
            case 'r' -> {
                out.write('\r');
                return i + 1;
            }
            case 't' -> {
                out.write('\t');
                return i + 1;
            }
            case 'v' -> {
                out.write(0x0B);
                return i + 1;
            }
            case '\\', '"' -> {
                out.write(c);
                return i + 1;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                digits = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                i++;
                digits = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                i++;
                digits = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                i++;
                digits = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            default -> throw new RuleSyntaxException("unknown escape sequence \\" + c, at,
                    "one of \\a \\b \\f \\n \\r \\t \\v \\\\ \\\" \\NNN \\xNN \\uNNNN \\UNNNNNNNN");
        }
        long value = 0;
        for (int k = 0; k < digits; k++, i++) {
            if (i >= n || src.charAt(i) == '\n') {
                throw new RuleSyntaxException("escape sequence not terminated", at, null);
            }
            int d = RequestPaths.hexValue(src.charAt(i));
            if (d < 0 || d >= base) {
                throw new RuleSyntaxException(String.format("illegal character U+%04X in escape sequence", (int) src.charAt(i)), i,
                        base == 8 ? "an octal digit" : "a hex digit");
            }
            value = value * base + d;
        }
        if (value > max || value >= 0xD800 && value < 0xE000) {
            throw new RuleSyntaxException("escape sequence is invalid Unicode code point", at, null);
        }
        if (c == 'u' || c == 'U') {
            out.appendUtf8(Character.toString((int) value), 0, Character.charCount((int) value));
        } else {
            out.write((int) value);
        }
        return i;
    }

    /** A growable byte buffer for string literals with escapes. */
    private static final class ByteSink {
        private byte[] buf = new byte[32];
        private int size;

        void write(int b) {
            if (size == buf.length) {
                buf = java.util.Arrays.copyOf(buf, size * 2);
            }
            buf[size++] = (byte) b;
        }

        void appendUtf8(String s, int from, int to) {
            if (from < to) {
                for (byte b : s.substring(from, to).getBytes(StandardCharsets.UTF_8)) {
                    write(b);
                }
            }
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }
}
