package io.switchyard.domain.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression in Go's RE2 syntax ({@code regexp.Compile}, Perl flags), parsed by a port
 * of Go's {@code regexp/syntax} parser and translated into an equivalent {@link Pattern}, compiled
 * once. Matching is an unanchored search ({@link #find}), as Go's {@code MatchString}.
 *
 * <p>Why a translation rather than handing the text to {@code java.util.regex}: the two flavours
 * read the same text differently. RE2 has no back-references, look-around, possessive or atomic
 * groups ({@code \1}, {@code (?=}, {@code (?<=}, {@code a*+}, {@code (?>}) — they are rejected
 * here with Go's error, so a rule Traefik refuses is refused here too. And constructs both accept
 * mean different things: RE2's {@code $} is end of text (Java's also matches before a final line
 * break), {@code .} excludes only {@code \n}, {@code \s} excludes {@code \v}, {@code \b} is ASCII,
 * {@code [a&&b]} is a plain set, {@code a{,3}} is literal text, {@code (?P<name>...)} and POSIX
 * {@code [[:alpha:]]} exist, {@code (?U)} swaps greediness. The translation spells each construct
 * out explicitly so the Java pattern accepts exactly the strings RE2 would.
 *
 * <p>Known, deliberate differences (docs/rules.md): case-insensitive matching {@code (?i)} uses
 * Java's Unicode case rules, which differ from RE2's simple case folding for a handful of
 * characters (e.g. {@code (?i)i} also matches the dotless {@code ı}); Unicode script names are
 * those of the running JDK; {@code \p{C}} excludes unassigned code points as Go does.
 * {@code java.util.regex} backtracks where RE2 is linear: a pattern with nested unbounded
 * repetition ({@link #hasNestedRepetition()}) can be slow on hostile input, and a search that
 * overflows the stack counts as no match.
 */
final class Re2Regex {
    /** Go's limit on nested groups and on counted repetition. */
    private static final int MAX_NESTING = 1000;
    private static final int MAX_REPEAT = 1000;
    /** Go's {@code maxSize}: 128 MiB of 40-byte instructions. */
    private static final long MAX_SIZE = (128L << 20) / 40;

    private final String expression;
    private final Pattern pattern;
    private final boolean matchesEmpty;
    private final String anchoredPrefix;
    private final List<IndexHint> hostHints;
    private final boolean nestedRepetition;

    private Re2Regex(String expression, Pattern pattern, Re root) {
        this.expression = expression;
        this.pattern = pattern;
        this.matchesEmpty = pattern.matcher("").find();
        this.anchoredPrefix = anchoredPrefix(root);
        this.hostHints = hostHints(root);
        this.nestedRepetition = nestedRepetition(root, false);
    }

    /**
     * Parses and translates {@code expression}.
     *
     * @throws Re2SyntaxException with Go's message ({@code missing closing ): `(a`}) when RE2
     *                            would reject it
     */
    static Re2Regex compile(String expression) {
        Re root = new Parser(expression).parse();
        long size = size(root);
        if (size > MAX_SIZE) {
            throw new Re2SyntaxException("expression too large", expression);
        }
        String java = new Emitter().emit(root);
        Pattern pattern;
        try {
            pattern = Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw new Re2SyntaxException("internal error translating to java.util.regex (" + e.getDescription() + ")", expression);
        } catch (StackOverflowError e) {
            throw new Re2SyntaxException("expression nests too deeply", expression);
        }
        return new Re2Regex(expression, pattern, root);
    }

    /** Whether the expression matches somewhere in {@code input}. */
    boolean find(CharSequence input) {
        try {
            return pattern.matcher(input).find();
        } catch (StackOverflowError e) {
            // java.util.regex recurses per iteration of a complex group; RE2 would not fail here.
            // Treat as no match rather than failing the request (docs/rules.md).
            return false;
        }
    }

    /** Whether the expression matches the empty string (the HostRegexp quirk, rules.md §5.4). */
    boolean matchesEmpty() {
        return matchesEmpty;
    }

    /** A literal every matching string starts with ({@code ^/api/v[0-9]} gives {@code /api/v}); may be empty. */
    String anchoredPrefix() {
        return anchoredPrefix;
    }

    /**
     * What a matching host must look like, for the route index: an exact host for
     * {@code ^a\.example\.com$}, a label-aligned suffix for {@code ^[a-z]+\.example\.com$}, else
     * anything.
     */
    List<IndexHint> hostHints() {
        return hostHints;
    }

    /** Whether an unbounded repetition contains another (slow to backtrack on hostile input). */
    boolean hasNestedRepetition() {
        return nestedRepetition;
    }

    /** The translated pattern (for tests and diagnostics). */
    String javaPattern() {
        return pattern.pattern();
    }

    @Override
    public String toString() {
        return expression;
    }

    /** An expression RE2 rejects; the message is Go's ({@code code: `text`}). */
    static final class Re2SyntaxException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Re2SyntaxException(String code, String text) {
            super(code + ": `" + text + "`");
        }
    }

    // ---------------------------------------------------------------- syntax tree

    private sealed interface Re permits Lit, Cls, AnyChar, Assert, Concat, Alt, Rep, Group, Empty {
    }

    private record Lit(int codePoint, boolean fold) implements Re {
    }

    /** A character class: sorted, merged {@code [lo, hi]} pairs plus Java property escapes. */
    private record Cls(int[] ranges, List<String> properties, boolean negated, boolean fold) implements Re {
        boolean isEmptySet() {
            return ranges.length == 0 && properties.isEmpty();
        }
    }

    private record AnyChar(boolean newline) implements Re {
    }

    private enum AssertKind { BEGIN_TEXT, END_TEXT, BEGIN_LINE, END_LINE, WORD_BOUNDARY, NO_WORD_BOUNDARY }

    private record Assert(AssertKind kind) implements Re {
    }

    private record Concat(List<Re> items) implements Re {
    }

    private record Alt(List<Re> branches) implements Re {
    }

    /** {@code max == -1} means unbounded; {@code counted} marks the {@code {n,m}} form. */
    private record Rep(Re sub, int min, int max, boolean lazy, boolean counted) implements Re {
    }

    private record Group(Re sub, boolean capture) implements Re {
    }

    private record Empty() implements Re {
    }

    // ---------------------------------------------------------------- parser (port of Go's regexp/syntax, Perl flags)

    private static final class Parser {
        private final String src;
        private final int n;
        private int pos;
        private boolean fold;
        private boolean multiLine;
        private boolean dotNewline;
        private boolean nonGreedy;
        private int depth;

        Parser(String src) {
            this.src = src;
            this.n = src.length();
        }

        Re parse() {
            Re re = parseAlternation();
            if (pos < n) {
                // only a ')' stops the top-level alternation early
                throw new Re2SyntaxException("unexpected )", src);
            }
            return re;
        }

        private Re parseAlternation() {
            List<Re> branches = new ArrayList<>(2);
            branches.add(parseConcat());
            while (pos < n && src.charAt(pos) == '|') {
                pos++;
                branches.add(parseConcat());
            }
            if (branches.size() == 1) {
                return branches.get(0);
            }
            Cls merged = singleCharacterClass(branches);
            return merged != null ? merged : new Alt(branches);
        }

        /**
         * {@code a|b|[0-9]} as the class {@code [ab0-9]}, as Go's parser does: java.util.regex then
         * repeats it iteratively instead of recursing once per repetition.
         */
        private static Cls singleCharacterClass(List<Re> branches) {
            boolean fold = false;
            for (Re branch : branches) {
                if (branch instanceof Lit lit) {
                    fold |= lit.fold;
                } else if (branch instanceof Cls cls && !cls.negated) {
                    fold |= cls.fold;
                } else {
                    return null;
                }
            }
            ClassBuilder builder = new ClassBuilder();
            for (Re branch : branches) {
                if (branch instanceof Lit lit) {
                    boolean caseless = lit.codePoint < 0x80 && !Character.isLetter(lit.codePoint);
                    if (lit.fold != fold && !caseless) {
                        return null;
                    }
                    builder.addRange(lit.codePoint, lit.codePoint);
                } else {
                    Cls cls = (Cls) branch;
                    if (cls.fold != fold) {
                        return null;
                    }
                    builder.addRanges(cls.ranges);
                    cls.properties.forEach(builder::addProperty);
                }
            }
            return builder.build(false, fold);
        }

        private Re parseConcat() {
            List<Re> items = new ArrayList<>();
            int lastRepeat = -1;
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == '|' || c == ')') {
                    break;
                }
                int repeatStart = -1;
                switch (c) {
                    case '(' -> parseGroup(items);
                    case '*', '+', '?' -> {
                        repeatStart = pos;
                        pos++;
                        int min = c == '+' ? 1 : 0;
                        int max = c == '?' ? 1 : -1;
                        repeat(items, min, max, false, repeatStart, lastRepeat);
                    }
                    case '{' -> {
                        int[] braces = parseRepeatBraces(pos);
                        if (braces == null) {
                            items.add(literal('{'));
                            pos++;
                        } else {
                            repeatStart = pos;
                            int min = braces[0];
                            int max = braces[1];
                            if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || max >= 0 && min > max) {
                                throw new Re2SyntaxException("invalid repeat count", src.substring(pos, braces[2]));
                            }
                            pos = braces[2];
                            repeat(items, min, max, true, repeatStart, lastRepeat);
                        }
                    }
                    case '.' -> {
                        items.add(new AnyChar(dotNewline));
                        pos++;
                    }
                    case '^' -> {
                        items.add(new Assert(multiLine ? AssertKind.BEGIN_LINE : AssertKind.BEGIN_TEXT));
                        pos++;
                    }
                    case '$' -> {
                        items.add(new Assert(multiLine ? AssertKind.END_LINE : AssertKind.END_TEXT));
                        pos++;
                    }
                    case '[' -> items.add(parseClass());
                    case '\\' -> parseBackslash(items);
                    default -> {
                        int cp = src.codePointAt(pos);
                        pos += Character.charCount(cp);
                        items.add(literal(cp));
                    }
                }
                lastRepeat = repeatStart;
            }
            if (items.isEmpty()) {
                return new Empty();
            }
            return items.size() == 1 ? items.get(0) : new Concat(items);
        }

        private void repeat(List<Re> items, int min, int max, boolean counted, int opStart, int lastRepeat) {
            boolean lazy = false;
            if (pos < n && src.charAt(pos) == '?') {
                lazy = true;
                pos++;
            }
            if (lastRepeat >= 0) {
                throw new Re2SyntaxException("invalid nested repetition operator", src.substring(lastRepeat, pos));
            }
            if (items.isEmpty()) {
                throw new Re2SyntaxException("missing argument to repetition operator", src.substring(opStart, pos));
            }
            Re sub = items.remove(items.size() - 1);
            Rep rep = new Rep(sub, min, max, lazy != nonGreedy, counted);
            if (counted && (min >= 2 || max >= 2) && !repeatIsValid(rep, MAX_REPEAT)) {
                throw new Re2SyntaxException("invalid repeat count", src.substring(opStart, pos));
            }
            items.add(rep);
        }

        /** Go's parseRepeat: {min, max, end} or null when the text is not a repetition (then '{' is literal). */
        private int[] parseRepeatBraces(int at) {
            int i = at + 1;
            int[] min = parseInt(i);
            if (min == null) {
                return null;
            }
            i = min[1];
            if (i >= n) {
                return null;
            }
            int max;
            if (src.charAt(i) != ',') {
                max = min[0];
            } else {
                i++;
                if (i >= n) {
                    return null;
                }
                if (src.charAt(i) == '}') {
                    max = -1;
                } else {
                    int[] parsedMax = parseInt(i);
                    if (parsedMax == null) {
                        return null;
                    }
                    max = parsedMax[0];
                    i = parsedMax[1];
                    if (max < 0) {
                        min[0] = -1;
                    }
                }
            }
            if (i >= n || src.charAt(i) != '}') {
                return null;
            }
            return new int[] {min[0], max, i + 1};
        }

        /** Go's parseInt: {value or -1 when too big, end}, or null when there is no number (or a leading zero). */
        private int[] parseInt(int at) {
            if (at >= n || !isDigit(src.charAt(at))) {
                return null;
            }
            if (at + 1 < n && src.charAt(at) == '0' && isDigit(src.charAt(at + 1))) {
                return null;
            }
            int i = at;
            int value = 0;
            while (i < n && isDigit(src.charAt(i))) {
                if (value >= 100_000_000) {
                    value = -1;
                } else if (value >= 0) {
                    value = value * 10 + src.charAt(i) - '0';
                }
                i++;
            }
            return new int[] {value, i};
        }

        private void parseGroup(List<Re> items) {
            int start = pos;
            if (pos + 1 < n && src.charAt(pos + 1) == '?') {
                boolean named = n - start > 4 && src.charAt(start + 2) == 'P' && src.charAt(start + 3) == '<'
                        || n - start > 3 && src.charAt(start + 2) == '<';
                if (named) {
                    int begin = src.charAt(start + 2) == '<' ? start + 3 : start + 4;
                    int end = src.indexOf('>', start);
                    if (end < 0) {
                        throw new Re2SyntaxException("invalid named capture", src.substring(start));
                    }
                    String name = src.substring(begin, end);
                    if (!isValidCaptureName(name)) {
                        throw new Re2SyntaxException("invalid named capture", src.substring(start, end + 1));
                    }
                    pos = end + 1;
                    items.add(group(true, fold, multiLine, dotNewline, nonGreedy));
                    return;
                }
                parsePerlFlags(items, start);
                return;
            }
            pos++;
            items.add(group(true, fold, multiLine, dotNewline, nonGreedy));
        }

        private void parsePerlFlags(List<Re> items, int start) {
            pos = start + 2;
            boolean f = fold;
            boolean m = multiLine;
            boolean s = dotNewline;
            boolean u = nonGreedy;
            boolean positive = true;
            boolean sawFlag = false;
            while (pos < n) {
                int c = src.codePointAt(pos);
                pos += Character.charCount(c);
                switch (c) {
                    case 'i' -> {
                        f = positive;
                        sawFlag = true;
                    }
                    case 'm' -> {
                        m = positive;
                        sawFlag = true;
                    }
                    case 's' -> {
                        s = positive;
                        sawFlag = true;
                    }
                    case 'U' -> {
                        u = positive;
                        sawFlag = true;
                    }
                    case '-' -> {
                        if (!positive) {
                            throw new Re2SyntaxException("invalid or unsupported Perl syntax", src.substring(start, pos));
                        }
                        positive = false;
                        sawFlag = false;
                    }
                    case ':', ')' -> {
                        if (!positive && !sawFlag) {
                            throw new Re2SyntaxException("invalid or unsupported Perl syntax", src.substring(start, pos));
                        }
                        if (c == ':') {
                            items.add(group(false, f, m, s, u));
                        } else {
                            fold = f;
                            multiLine = m;
                            dotNewline = s;
                            nonGreedy = u;
                        }
                        return;
                    }
                    default -> throw new Re2SyntaxException("invalid or unsupported Perl syntax", src.substring(start, pos));
                }
            }
            throw new Re2SyntaxException("invalid or unsupported Perl syntax", src.substring(start, pos));
        }

        /** Parses a group body (pos just after its opening syntax) with the given flags, through ')'. */
        private Re group(boolean capture, boolean f, boolean m, boolean s, boolean u) {
            if (++depth > MAX_NESTING) {
                throw new Re2SyntaxException("expression nests too deeply", src);
            }
            boolean savedFold = fold;
            boolean savedMultiLine = multiLine;
            boolean savedDotNewline = dotNewline;
            boolean savedNonGreedy = nonGreedy;
            fold = f;
            multiLine = m;
            dotNewline = s;
            nonGreedy = u;
            Re inner = parseAlternation();
            if (pos >= n) {
                throw new Re2SyntaxException("missing closing )", src);
            }
            pos++; // ')'
            fold = savedFold;
            multiLine = savedMultiLine;
            dotNewline = savedDotNewline;
            nonGreedy = savedNonGreedy;
            depth--;
            return new Group(inner, capture);
        }

        private void parseBackslash(List<Re> items) {
            if (pos + 1 < n) {
                char c = src.charAt(pos + 1);
                switch (c) {
                    case 'A' -> {
                        items.add(new Assert(AssertKind.BEGIN_TEXT));
                        pos += 2;
                        return;
                    }
                    case 'b' -> {
                        items.add(new Assert(AssertKind.WORD_BOUNDARY));
                        pos += 2;
                        return;
                    }
                    case 'B' -> {
                        items.add(new Assert(AssertKind.NO_WORD_BOUNDARY));
                        pos += 2;
                        return;
                    }
                    case 'C' -> throw new Re2SyntaxException("invalid escape sequence", "\\C");
                    case 'Q' -> {
                        int end = src.indexOf("\\E", pos + 2);
                        int stop = end < 0 ? n : end;
                        for (int i = pos + 2; i < stop; ) {
                            int cp = src.codePointAt(i);
                            items.add(literal(cp));
                            i += Character.charCount(cp);
                        }
                        pos = end < 0 ? n : end + 2;
                        return;
                    }
                    case 'z' -> {
                        items.add(new Assert(AssertKind.END_TEXT));
                        pos += 2;
                        return;
                    }
                    case 'p', 'P' -> {
                        ClassBuilder builder = new ClassBuilder();
                        parseUnicodeClass(builder);
                        items.add(builder.build(false, fold));
                        return;
                    }
                    case 'd', 'D', 's', 'S', 'w', 'W' -> {
                        ClassBuilder builder = new ClassBuilder();
                        addPerlClass(builder, c);
                        pos += 2;
                        items.add(builder.build(false, fold));
                        return;
                    }
                    default -> {
                    }
                }
            }
            items.add(literal(parseEscape()));
        }

        /** Go's parseEscape: one escaped character (pos at the backslash). */
        private int parseEscape() {
            int start = pos;
            pos++;
            if (pos >= n) {
                throw new Re2SyntaxException("trailing backslash at end of expression", "");
            }
            int c = src.codePointAt(pos);
            pos += Character.charCount(c);
            switch (c) {
                case '1', '2', '3', '4', '5', '6', '7', '0' -> {
                    // a single non-zero digit would be a back-reference: not supported
                    if (c != '0' && (pos >= n || src.charAt(pos) < '0' || src.charAt(pos) > '7')) {
                        break;
                    }
                    int r = c - '0';
                    for (int i = 1; i < 3; i++) {
                        if (pos >= n || src.charAt(pos) < '0' || src.charAt(pos) > '7') {
                            break;
                        }
                        r = r * 8 + src.charAt(pos) - '0';
                        pos++;
                    }
                    return r;
                }
                case 'x' -> {
                    if (pos >= n) {
                        break;
                    }
                    int d = src.codePointAt(pos);
                    pos += Character.charCount(d);
                    if (d == '{') {
                        int digits = 0;
                        int r = 0;
                        while (true) {
                            if (pos >= n) {
                                throw new Re2SyntaxException("invalid escape sequence", src.substring(start, pos));
                            }
                            int h = src.codePointAt(pos);
                            pos += Character.charCount(h);
                            if (h == '}') {
                                break;
                            }
                            int v = unhex(h);
                            if (v < 0) {
                                throw new Re2SyntaxException("invalid escape sequence", src.substring(start, pos));
                            }
                            r = r * 16 + v;
                            if (r > Character.MAX_CODE_POINT) {
                                throw new Re2SyntaxException("invalid escape sequence", src.substring(start, pos));
                            }
                            digits++;
                        }
                        if (digits == 0) {
                            break;
                        }
                        return r;
                    }
                    int x = unhex(d);
                    int e = pos < n ? src.codePointAt(pos) : -1;
                    if (e >= 0) {
                        pos += Character.charCount(e);
                    }
                    int y = e < 0 ? -1 : unhex(e);
                    if (x < 0 || y < 0) {
                        break;
                    }
                    return x * 16 + y;
                }
                case 'a' -> {
                    return 7;
                }
                case 'f' -> {
                    return '\f';
                }
                case 'n' -> {
                    return '\n';
                }
                case 'r' -> {
                    return '\r';
                }
                case 't' -> {
                    return '\t';
                }
                case 'v' -> {
                    return 0x0B;
                }
                default -> {
                    if (c < 0x80 && !isAlnum(c)) {
                        return c;
                    }
                }
            }
            throw new Re2SyntaxException("invalid escape sequence", src.substring(start, pos));
        }

        private Cls parseClass() {
            int classStart = pos;
            pos++;
            boolean negated = false;
            if (pos < n && src.charAt(pos) == '^') {
                negated = true;
                pos++;
            }
            ClassBuilder builder = new ClassBuilder();
            boolean first = true;
            while (pos >= n || src.charAt(pos) != ']' || first) {
                first = false;
                if (n - pos > 2 && src.charAt(pos) == '[' && src.charAt(pos + 1) == ':') {
                    int close = src.indexOf(":]", pos + 2);
                    if (close >= 0) {
                        String name = src.substring(pos, close + 2);
                        int[] posix = posixClass(name);
                        if (posix == null) {
                            throw new Re2SyntaxException("invalid character class range", name);
                        }
                        builder.addRanges(posix);
                        pos = close + 2;
                        continue;
                    }
                }
                if (n - pos >= 2 && src.charAt(pos) == '\\' && (src.charAt(pos + 1) == 'p' || src.charAt(pos + 1) == 'P')) {
                    parseUnicodeClass(builder);
                    continue;
                }
                if (n - pos >= 2 && src.charAt(pos) == '\\' && "dDsSwW".indexOf(src.charAt(pos + 1)) >= 0) {
                    addPerlClass(builder, src.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                int rangeStart = pos;
                int lo = parseClassChar(classStart);
                int hi = lo;
                if (n - pos >= 2 && src.charAt(pos) == '-' && src.charAt(pos + 1) != ']') {
                    pos++;
                    hi = parseClassChar(classStart);
                    if (hi < lo) {
                        throw new Re2SyntaxException("invalid character class range", src.substring(rangeStart, pos));
                    }
                }
                builder.addRange(lo, hi);
            }
            pos++; // ']'
            return builder.build(negated, fold);
        }

        private int parseClassChar(int classStart) {
            if (pos >= n) {
                throw new Re2SyntaxException("missing closing ]", src.substring(classStart));
            }
            if (src.charAt(pos) == '\\') {
                return parseEscape();
            }
            int cp = src.codePointAt(pos);
            pos += Character.charCount(cp);
            return cp;
        }

        /** Go's parseUnicodeClass: {@code \pL}, {@code \p{Greek}}, {@code \P{^Greek}} (pos at the backslash). */
        private void parseUnicodeClass(ClassBuilder builder) {
            int start = pos;
            boolean negated = src.charAt(pos + 1) == 'P';
            int t = pos + 2;
            String seq;
            String name;
            if (t >= n) {
                throw new Re2SyntaxException("invalid character class range", src.substring(start));
            }
            int c = src.codePointAt(t);
            if (c != '{') {
                int end = t + Character.charCount(c);
                seq = src.substring(start, end);
                name = src.substring(t, end);
                pos = end;
            } else {
                int end = src.indexOf('}', start);
                if (end < 0) {
                    throw new Re2SyntaxException("invalid character class range", src.substring(start));
                }
                seq = src.substring(start, end + 1);
                name = src.substring(start + 3, end);
                pos = end + 1;
            }
            if (!name.isEmpty() && name.charAt(0) == '^') {
                negated = !negated;
                name = name.substring(1);
            }
            if (!UnicodeNames.add(builder, name, negated)) {
                throw new Re2SyntaxException("invalid character class range", seq);
            }
        }

        private Lit literal(int cp) {
            // ASCII non-letters have no case variants: keep them exact so the route index can use them
            boolean folds = fold && (cp >= 0x80 || Character.isLetter(cp));
            return new Lit(cp, folds);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isAlnum(int c) {
            return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
        }

        private static int unhex(int c) {
            return c < 0x80 ? RequestPaths.hexValue((char) c) : -1;
        }

        private static boolean isValidCaptureName(String name) {
            if (name.isEmpty()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c != '_' && !isAlnum(c)) {
                    return false;
                }
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- character classes

    private static final int[] DIGIT = {'0', '9'};
    private static final int[] SPACE = {'\t', '\n', '\f', '\r', ' ', ' '};
    private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};

    private static void addPerlClass(ClassBuilder builder, char c) {
        int[] ranges = switch (Character.toLowerCase(c)) {
            case 'd' -> DIGIT;
            case 's' -> SPACE;
            default -> WORD;
        };
        builder.addRanges(Character.isUpperCase(c) ? complement(ranges) : ranges);
    }

    private static final Map<String, int[]> POSIX = Map.ofEntries(
            Map.entry("alnum", new int[] {'0', '9', 'A', 'Z', 'a', 'z'}),
            Map.entry("alpha", new int[] {'A', 'Z', 'a', 'z'}),
            Map.entry("ascii", new int[] {0, 0x7F}),
            Map.entry("blank", new int[] {'\t', '\t', ' ', ' '}),
            Map.entry("cntrl", new int[] {0, 0x1F, 0x7F, 0x7F}),
            Map.entry("digit", new int[] {'0', '9'}),
            Map.entry("graph", new int[] {'!', '~'}),
            Map.entry("lower", new int[] {'a', 'z'}),
            Map.entry("print", new int[] {' ', '~'}),
            Map.entry("punct", new int[] {'!', '/', ':', '@', '[', '`', '{', '~'}),
            Map.entry("space", new int[] {'\t', '\r', ' ', ' '}),
            Map.entry("upper", new int[] {'A', 'Z'}),
            Map.entry("word", new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}),
            Map.entry("xdigit", new int[] {'0', '9', 'A', 'F', 'a', 'f'}));

    /** {@code [:alpha:]} or {@code [:^alpha:]}; null when unknown. */
    private static int[] posixClass(String text) {
        String name = text.substring(2, text.length() - 2);
        boolean negated = name.startsWith("^");
        int[] ranges = POSIX.get(negated ? name.substring(1) : name);
        if (ranges == null) {
            return null;
        }
        return negated ? complement(ranges) : ranges;
    }

    /** Complement of sorted, merged ranges within [0, U+10FFFF]. */
    private static int[] complement(int[] ranges) {
        int[] out = new int[ranges.length + 2];
        int k = 0;
        int next = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            if (ranges[i] > next) {
                out[k++] = next;
                out[k++] = ranges[i] - 1;
            }
            next = ranges[i + 1] + 1;
        }
        if (next <= Character.MAX_CODE_POINT) {
            out[k++] = next;
            out[k++] = Character.MAX_CODE_POINT;
        }
        return Arrays.copyOf(out, k);
    }

    private static final class ClassBuilder {
        private int[] ranges = new int[8];
        private int size;
        private final List<String> properties = new ArrayList<>(0);

        void addRange(int lo, int hi) {
            if (size + 2 > ranges.length) {
                ranges = Arrays.copyOf(ranges, ranges.length * 2);
            }
            ranges[size++] = lo;
            ranges[size++] = hi;
        }

        void addRanges(int[] pairs) {
            for (int i = 0; i < pairs.length; i += 2) {
                addRange(pairs[i], pairs[i + 1]);
            }
        }

        void addProperty(String javaEscape) {
            properties.add(javaEscape);
        }

        Cls build(boolean negated, boolean fold) {
            int count = size / 2;
            long[] packed = new long[count];
            for (int i = 0; i < count; i++) {
                packed[i] = (long) ranges[2 * i] << 32 | ranges[2 * i + 1];
            }
            Arrays.sort(packed);
            int[] merged = new int[size];
            int k = 0;
            for (long p : packed) {
                int lo = (int) (p >>> 32);
                int hi = (int) p;
                if (k > 0 && lo <= merged[k - 1] + 1) {
                    merged[k - 1] = Math.max(merged[k - 1], hi);
                } else {
                    merged[k++] = lo;
                    merged[k++] = hi;
                }
            }
            return new Cls(Arrays.copyOf(merged, k), List.copyOf(properties), negated, fold);
        }
    }

    /** Go's Unicode class names ({@code unicode.Categories}, {@code unicode.Scripts}, {@code Any}). */
    private static final class UnicodeNames {
        private static final List<String> CATEGORIES = List.of("C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo",
                "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po",
                "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");

        static boolean add(ClassBuilder builder, String name, boolean negated) {
            if (name.equals("Any")) {
                if (!negated) {
                    builder.addRange(0, Character.MAX_CODE_POINT);
                }
                return true;
            }
            if (name.equals("C")) {
                // Go's C is Cc|Cf|Co|Cs; Java's \p{C} would also include unassigned code points
                if (negated) {
                    for (String other : List.of("L", "M", "N", "P", "S", "Z", "Cn")) {
                        builder.addProperty("\\p{" + other + "}");
                    }
                } else {
                    for (String part : List.of("Cc", "Cf", "Co", "Cs")) {
                        builder.addProperty("\\p{" + part + "}");
                    }
                }
                return true;
            }
            if (CATEGORIES.contains(name)) {
                builder.addProperty((negated ? "\\P{" : "\\p{") + name + "}");
                return true;
            }
            Character.UnicodeScript script = script(name);
            if (script == null) {
                return false;
            }
            builder.addProperty((negated ? "\\P{sc=" : "\\p{sc=") + script.name() + "}");
            return true;
        }

        /** The script whose Go name ({@code Old_Italic}, {@code SignWriting}) is exactly {@code name}. */
        private static Character.UnicodeScript script(String name) {
            for (Character.UnicodeScript script : Character.UnicodeScript.values()) {
                if (script == Character.UnicodeScript.UNKNOWN) {
                    continue;
                }
                if (goName(script).equals(name)) {
                    return script;
                }
            }
            return null;
        }

        private static String goName(Character.UnicodeScript script) {
            if (script == Character.UnicodeScript.SIGNWRITING) {
                return "SignWriting";
            }
            StringBuilder sb = new StringBuilder();
            for (String part : script.name().split("_")) {
                if (!sb.isEmpty()) {
                    sb.append('_');
                }
                sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
            return sb.toString();
        }
    }

    // ---------------------------------------------------------------- limits

    private static boolean repeatIsValid(Re re, int limit) {
        int n = limit;
        if (re instanceof Rep rep && rep.counted) {
            int m = rep.max;
            if (m == 0) {
                return true;
            }
            if (m < 0) {
                m = rep.min;
            }
            if (m > n) {
                return false;
            }
            if (m > 0) {
                n /= m;
            }
        }
        for (Re sub : children(re)) {
            if (!repeatIsValid(sub, n)) {
                return false;
            }
        }
        return true;
    }

    /** Go's calcSize estimate of the compiled program. */
    private static long size(Re re) {
        long size = switch (re) {
            case Lit lit -> 1;
            case Cls cls -> 1;
            case AnyChar any -> 1;
            case Assert a -> 1;
            case Empty e -> 1;
            case Group g -> (g.capture ? 2 : 0) + size(g.sub);
            case Concat c -> c.items.stream().mapToLong(Re2Regex::size).sum();
            case Alt a -> a.branches.stream().mapToLong(Re2Regex::size).sum() + a.branches.size() - 1;
            case Rep r -> {
                long sub = size(r.sub);
                if (r.max == -1) {
                    yield r.min == 0 ? 2 + sub : 1 + r.min * sub;
                }
                yield r.max * sub + (r.max - r.min);
            }
        };
        return Math.max(1, Math.min(size, Long.MAX_VALUE / 4));
    }

    private static List<Re> children(Re re) {
        return switch (re) {
            case Concat c -> c.items;
            case Alt a -> a.branches;
            case Rep r -> List.of(r.sub);
            case Group g -> List.of(g.sub);
            default -> List.of();
        };
    }

    // ---------------------------------------------------------------- analysis for the route index

    private static void flatten(Re re, List<Re> out) {
        switch (re) {
            case Concat c -> c.items.forEach(item -> flatten(item, out));
            case Group g -> flatten(g.sub, out);
            default -> out.add(re);
        }
    }

    private static String anchoredPrefix(Re root) {
        List<Re> seq = new ArrayList<>();
        flatten(root, seq);
        int i = 0;
        while (i < seq.size() && seq.get(i) instanceof Assert a && a.kind == AssertKind.BEGIN_TEXT) {
            i++;
        }
        if (i == 0) {
            return "";
        }
        StringBuilder prefix = new StringBuilder();
        while (i < seq.size() && seq.get(i) instanceof Lit lit && !lit.fold) {
            prefix.appendCodePoint(lit.codePoint);
            i++;
        }
        return prefix.toString();
    }

    private static List<IndexHint> hostHints(Re root) {
        Re top = root;
        while (top instanceof Group g) {
            top = g.sub;
        }
        if (top instanceof Alt alt) {
            List<IndexHint> all = new ArrayList<>();
            for (Re branch : alt.branches) {
                List<IndexHint> hints = branchHostHints(branch);
                if (hints == null) {
                    return IndexHint.ANYWHERE;
                }
                all.addAll(hints);
            }
            return List.copyOf(all);
        }
        List<IndexHint> hints = branchHostHints(top);
        return hints == null ? IndexHint.ANYWHERE : hints;
    }

    private static List<IndexHint> branchHostHints(Re branch) {
        List<Re> seq = new ArrayList<>();
        flatten(branch, seq);
        int end = seq.size();
        while (end > 0 && seq.get(end - 1) instanceof Assert a && a.kind == AssertKind.END_TEXT) {
            end--;
        }
        if (end == seq.size()) {
            return null;
        }
        int start = end;
        while (start > 0 && seq.get(start - 1) instanceof Lit lit && !lit.fold) {
            start--;
        }
        StringBuilder literal = new StringBuilder();
        for (int i = start; i < end; i++) {
            literal.appendCodePoint(((Lit) seq.get(i)).codePoint);
        }
        String suffix = literal.toString();
        boolean anchored = start > 0;
        for (int i = 0; i < start; i++) {
            if (!(seq.get(i) instanceof Assert a && a.kind == AssertKind.BEGIN_TEXT)) {
                anchored = false;
                break;
            }
        }
        if (anchored) {
            return List.of(IndexHint.exactHost(HostNames.fold(suffix)));
        }
        int dot = suffix.indexOf('.');
        if (dot < 0) {
            return null;
        }
        return List.of(IndexHint.hostSuffix(HostNames.fold(suffix.substring(dot))));
    }

    private static boolean nestedRepetition(Re re, boolean insideUnbounded) {
        if (re instanceof Rep rep && rep.max == -1) {
            if (insideUnbounded) {
                return true;
            }
            return nestedRepetition(rep.sub, true);
        }
        for (Re sub : children(re)) {
            if (nestedRepetition(sub, insideUnbounded)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- emission to java.util.regex

    private static final String WORD_CLASS = "[0-9A-Za-z_]";

    private static final class Emitter {
        private final StringBuilder out = new StringBuilder();
        /** Java's case-insensitivity at the current point: TRUE, FALSE or null when unknown. */
        private Boolean fold = Boolean.FALSE;

        String emit(Re root) {
            emitNode(root);
            return out.toString();
        }

        private void emitNode(Re re) {
            switch (re) {
                case Lit lit -> {
                    setFold(lit.fold);
                    appendCodePoint(lit.codePoint);
                }
                case Cls cls -> emitClass(cls);
                case AnyChar any -> out.append(any.newline ? "[\\x{0}-\\x{10FFFF}]" : "[^\\n]");
                case Assert a -> out.append(switch (a.kind) {
                    case BEGIN_TEXT -> "\\A";
                    case END_TEXT -> "\\z";
                    case BEGIN_LINE -> "(?:\\A|(?<=\\n))";
                    case END_LINE -> "(?:\\z|(?=\\n))";
                    case WORD_BOUNDARY -> "(?-iu:(?<=" + WORD_CLASS + ")(?!" + WORD_CLASS + ")|(?<!" + WORD_CLASS + ")(?="
                            + WORD_CLASS + "))";
                    case NO_WORD_BOUNDARY -> "(?-iu:(?<=" + WORD_CLASS + ")(?=" + WORD_CLASS + ")|(?<!" + WORD_CLASS + ")(?!"
                            + WORD_CLASS + "))";
                });
                case Concat c -> c.items.forEach(this::emitNode);
                case Alt alt -> {
                    Boolean outer = fold;
                    out.append("(?:");
                    for (int i = 0; i < alt.branches.size(); i++) {
                        if (i > 0) {
                            out.append('|');
                            // whether an inline flag carries over '|' is not worth relying on
                            fold = null;
                        }
                        emitNode(alt.branches.get(i));
                    }
                    out.append(')');
                    fold = outer;
                }
                case Group g -> emitGroup(g.sub);
                case Rep rep -> {
                    if (isSingleToken(rep.sub)) {
                        emitNode(rep.sub);
                    } else {
                        emitGroup(rep.sub);
                    }
                    appendQuantifier(rep);
                }
                case Empty e -> {
                }
            }
        }

        private void emitGroup(Re sub) {
            Boolean outer = fold;
            out.append("(?:");
            emitNode(sub);
            out.append(')');
            fold = outer;
        }

        private static boolean isSingleToken(Re re) {
            return re instanceof Lit || re instanceof AnyChar || re instanceof Cls cls && !cls.isEmptySet();
        }

        private void emitClass(Cls cls) {
            if (cls.isEmptySet()) {
                out.append(cls.negated ? "[\\x{0}-\\x{10FFFF}]" : "(?!)");
                return;
            }
            setFold(cls.fold);
            out.append('[');
            if (cls.negated) {
                out.append('^');
            }
            for (int i = 0; i < cls.ranges.length; i += 2) {
                appendEscaped(cls.ranges[i]);
                if (cls.ranges[i + 1] != cls.ranges[i]) {
                    out.append('-');
                    appendEscaped(cls.ranges[i + 1]);
                }
            }
            cls.properties.forEach(out::append);
            out.append(']');
        }

        private void setFold(boolean wanted) {
            if (fold == null || fold != wanted) {
                out.append(wanted ? "(?iu)" : "(?-iu)");
                fold = wanted;
            }
        }

        private void appendCodePoint(int cp) {
            if (cp < 0x80 && Character.isLetterOrDigit(cp)) {
                out.append((char) cp);
            } else {
                appendEscaped(cp);
            }
        }

        private void appendEscaped(int cp) {
            out.append("\\x{").append(Integer.toHexString(cp)).append('}');
        }

        private void appendQuantifier(Rep rep) {
            if (rep.min == 0 && rep.max == -1) {
                out.append('*');
            } else if (rep.min == 1 && rep.max == -1) {
                out.append('+');
            } else if (rep.min == 0 && rep.max == 1) {
                out.append('?');
            } else if (rep.max == -1) {
                out.append('{').append(rep.min).append(",}");
            } else if (rep.min == rep.max) {
                out.append('{').append(rep.min).append('}');
            } else {
                out.append('{').append(rep.min).append(',').append(rep.max).append('}');
            }
            if (rep.lazy) {
                out.append('?');
            }
        }
    }
}
