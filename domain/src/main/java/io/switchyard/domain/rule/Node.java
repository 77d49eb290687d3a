package io.switchyard.domain.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled rule expression. Negation is pushed to the leaves when the rule is parsed (De Morgan,
 * as Traefik's {@code rules.invert} does), so a tree has only n-ary {@code &&} and {@code ||}
 * nodes over possibly negated matcher leaves; evaluation short-circuits left to right.
 */
sealed interface Node permits Node.AllOf, Node.AnyOf, Node.Leaf {

    boolean test(RequestFacts request);

    /** The logical complement, with the negation pushed to the leaves. */
    Node negate();

    /** Conjunction; flattens nested conjunctions. */
    static Node allOf(List<Node> parts) {
        List<Node> flat = new ArrayList<>(parts.size());
        for (Node part : parts) {
            if (part instanceof AllOf all) {
                flat.addAll(List.of(all.parts));
            } else {
                flat.add(part);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new AllOf(flat.toArray(Node[]::new));
    }

    /** Disjunction; flattens nested disjunctions. */
    static Node anyOf(List<Node> parts) {
        List<Node> flat = new ArrayList<>(parts.size());
        for (Node part : parts) {
            if (part instanceof AnyOf any) {
                flat.addAll(List.of(any.parts));
            } else {
                flat.add(part);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new AnyOf(flat.toArray(Node[]::new));
    }

    /** {@code a && b && ...}. */
    final class AllOf implements Node {
        final Node[] parts;

        AllOf(Node[] parts) {
            this.parts = parts;
        }

        @Override
        public boolean test(RequestFacts request) {
            for (Node part : parts) {
                if (!part.test(request)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Node negate() {
            List<Node> negated = new ArrayList<>(parts.length);
            for (Node part : parts) {
                negated.add(part.negate());
            }
            return anyOf(negated);
        }

        @Override
        public String toString() {
            return join(parts, " && ");
        }
    }

    /** {@code a || b || ...}. */
    final class AnyOf implements Node {
        final Node[] parts;

        AnyOf(Node[] parts) {
            this.parts = parts;
        }

        @Override
        public boolean test(RequestFacts request) {
            for (Node part : parts) {
                if (part.test(request)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Node negate() {
            List<Node> negated = new ArrayList<>(parts.length);
            for (Node part : parts) {
                negated.add(part.negate());
            }
            return allOf(negated);
        }

        @Override
        public String toString() {
            return join(parts, " || ");
        }
    }

    /** One matcher, possibly negated. */
    record Leaf(Condition condition, boolean negated) implements Node {
        @Override
        public boolean test(RequestFacts request) {
            return condition.test(request) != negated;
        }

        @Override
        public Node negate() {
            return new Leaf(condition, !negated);
        }

        @Override
        public String toString() {
            return (negated ? "!" : "") + condition;
        }
    }

    private static String join(Node[] parts, String operator) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(operator);
            }
            sb.append(parts[i]);
        }
        return sb.append(')').toString();
    }
}
