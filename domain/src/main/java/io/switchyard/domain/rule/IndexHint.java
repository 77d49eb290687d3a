package io.switchyard.domain.rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One way a rule can match, as far as the route index cares: the request host must be
 * {@code hostKey} ({@link HostKind#EXACT}), must end with the label-aligned suffix {@code hostKey}
 * ({@link HostKind#SUFFIX}, e.g. {@code .example.com}; {@code ""} for a single-label host), or may
 * be anything; and the routing path must start with {@code pathPrefix} ({@code ""}: anything).
 *
 * <p>A rule's hints are a disjunction that over-approximates it: whenever the rule matches a
 * request, at least one hint admits the request. Host keys are folded with
 * {@link HostNames#fold}.
 */
record IndexHint(HostKind host, String hostKey, String pathPrefix) {
    /** Ordered from least to most specific. */
    enum HostKind { ANY, SUFFIX, EXACT }

    /** More alternatives than this and a disjunction is indexed as "anything". */
    private static final int MAX_ALTERNATIVES = 1024;
    /** Larger cross products and a conjunction keeps the hints of one side only. */
    private static final int MAX_CROSS_PRODUCT = 64;

    static final IndexHint ANY = new IndexHint(HostKind.ANY, "", "");
    static final List<IndexHint> ANYWHERE = List.of(ANY);

    static IndexHint exactHost(String key) {
        return new IndexHint(HostKind.EXACT, key, "");
    }

    static IndexHint hostSuffix(String key) {
        return new IndexHint(HostKind.SUFFIX, key, "");
    }

    static IndexHint pathPrefix(String prefix) {
        return new IndexHint(HostKind.ANY, "", prefix);
    }

    /** The hints of a compiled rule. */
    static List<IndexHint> of(Node node) {
        return switch (node) {
            case Node.Leaf leaf -> leaf.negated() ? ANYWHERE : leaf.condition().hints();
            case Node.AllOf all -> {
                List<IndexHint> acc = ANYWHERE;
                for (Node part : all.parts) {
                    acc = and(acc, of(part));
                }
                yield acc;
            }
            case Node.AnyOf any -> {
                Set<IndexHint> acc = new LinkedHashSet<>();
                for (Node part : any.parts) {
                    List<IndexHint> hints = of(part);
                    if (hints.contains(ANY)) {
                        yield ANYWHERE;
                    }
                    acc.addAll(hints);
                    if (acc.size() > MAX_ALTERNATIVES) {
                        yield ANYWHERE;
                    }
                }
                yield List.copyOf(acc);
            }
        };
    }

    private static List<IndexHint> and(List<IndexHint> a, List<IndexHint> b) {
        if (a.equals(ANYWHERE)) {
            return b;
        }
        if (b.equals(ANYWHERE)) {
            return a;
        }
        if ((long) a.size() * b.size() > MAX_CROSS_PRODUCT) {
            return a.size() <= b.size() ? a : b;
        }
        Set<IndexHint> out = new LinkedHashSet<>();
        for (IndexHint x : a) {
            for (IndexHint y : b) {
                IndexHint both = x.and(y);
                if (both != null) {
                    out.add(both);
                }
            }
        }
        // every combination unsatisfiable (PathPrefix(`/a`) && PathPrefix(`/b`)): the rule never matches
        return new ArrayList<>(out);
    }

    /** A hint admitting what both admit (or a superset); null when no request can satisfy both. */
    private IndexHint and(IndexHint other) {
        HostKind kind = host.ordinal() >= other.host.ordinal() ? host : other.host;
        String key = host.ordinal() >= other.host.ordinal() ? hostKey : other.hostKey;
        String prefix;
        if (pathPrefix.startsWith(other.pathPrefix)) {
            prefix = pathPrefix;
        } else if (other.pathPrefix.startsWith(pathPrefix)) {
            prefix = other.pathPrefix;
        } else {
            return null;
        }
        return new IndexHint(kind, key, prefix);
    }
}
