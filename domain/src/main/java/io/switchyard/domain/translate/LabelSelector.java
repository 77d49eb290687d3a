package io.switchyard.domain.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector ({@code app=web,tier!=db,env in (a,b),!legacy,version>2}), as
 * {@code labels.Parse} reads it. The empty selector matches everything.
 */
final class LabelSelector {
    private enum Op { EXISTS, NOT_EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN, GT, LT }

    private record Requirement(String key, Op op, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String v = labels.get(key);
            return switch (op) {
                case EXISTS -> v != null;
                case NOT_EXISTS -> v == null;
                case EQUALS, IN -> v != null && values.contains(v);
                case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
                case GT, LT -> {
                    if (v == null) {
                        yield false;
                    }
                    try {
                        long have = Long.parseLong(v);
                        long want = Long.parseLong(values.iterator().next());
                        yield op == Op.GT ? have > want : have < want;
                    } catch (NumberFormatException e) {
                        yield false;
                    }
                }
            };
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    static LabelSelector parse(String text) {
        List<Requirement> reqs = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            String p = part.strip();
            if (p.isEmpty()) {
                if (!text.isBlank()) {
                    throw invalid(text);
                }
                continue;
            }
            reqs.add(requirement(p, text));
        }
        return new LabelSelector(reqs);
    }

    boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static Requirement requirement(String p, String whole) {
        if (p.startsWith("!")) {
            return new Requirement(key(p.substring(1).strip(), whole), Op.NOT_EXISTS, Set.of());
        }
        int idx;
        if ((idx = p.indexOf("!=")) > 0) {
            return new Requirement(key(p.substring(0, idx).strip(), whole), Op.NOT_EQUALS,
                    Set.of(value(p.substring(idx + 2).strip(), whole)));
        }
        if ((idx = p.indexOf("==")) > 0) {
            return new Requirement(key(p.substring(0, idx).strip(), whole), Op.EQUALS,
                    Set.of(value(p.substring(idx + 2).strip(), whole)));
        }
        if ((idx = p.indexOf('=')) > 0) {
            return new Requirement(key(p.substring(0, idx).strip(), whole), Op.EQUALS,
                    Set.of(value(p.substring(idx + 1).strip(), whole)));
        }
        if ((idx = p.indexOf('>')) > 0 || (idx = p.indexOf('<')) > 0) {
            Op op = p.charAt(idx) == '>' ? Op.GT : Op.LT;
            String v = p.substring(idx + 1).strip();
            try {
                Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw invalid(whole);
            }
            return new Requirement(key(p.substring(0, idx).strip(), whole), op, Set.of(v));
        }
        String[] words = p.split("\\s+", 2);
        if (words.length == 2) {
            String rest = words[1].strip();
            Op op;
            if (rest.startsWith("notin")) {
                op = Op.NOT_IN;
                rest = rest.substring(5).strip();
            } else if (rest.startsWith("in")) {
                op = Op.IN;
                rest = rest.substring(2).strip();
            } else {
                throw invalid(whole);
            }
            if (!rest.startsWith("(") || !rest.endsWith(")")) {
                throw invalid(whole);
            }
            Set<String> values = new java.util.HashSet<>();
            for (String v : rest.substring(1, rest.length() - 1).split(",")) {
                values.add(value(v.strip(), whole));
            }
            return new Requirement(key(words[0], whole), op, Set.copyOf(values));
        }
        return new Requirement(key(p, whole), Op.EXISTS, Set.of());
    }

    private static String key(String key, String whole) {
        if (!key.matches("([A-Za-z0-9.-]+/)?[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?")) {
            throw invalid(whole);
        }
        return key;
    }

    private static String value(String value, String whole) {
        if (!value.isEmpty() && !value.matches("[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?")) {
            throw invalid(whole);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("labelSelector: \"" + text + "\" (expected: a Kubernetes label selector)");
    }
}
