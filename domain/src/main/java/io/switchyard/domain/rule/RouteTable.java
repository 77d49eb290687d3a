package io.switchyard.domain.rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The routers of one entry point, compiled for selection: {@link #select} returns the target of
 * the highest-priority route whose rule matches — exactly what trying every rule in priority order
 * would return (rules.md §5.6) — without trying every rule.
 *
 * <p>Order: descending priority; equal priorities by the tie-break given to {@link #compile(List,
 * Comparator)} (Traefik's {@code providers.precedence}), else by name, else by position in the
 * input list. Traefik leaves equal priorities unordered; a stable order makes selection
 * deterministic.
 *
 * <p>How: each rule is reduced to the hosts and path prefixes it can possibly match
 * ({@link IndexHint}): a host every branch of the rule requires ({@code Host(`a.com`)}, also
 * inside {@code &&} and across {@code ||}), a wildcard or regex host suffix
 * ({@code Host(`*.example.com`)}, {@code HostRegexp(`^[a-z]+\.example\.com$`)}), and a path
 * prefix ({@code PathPrefix}, {@code Path}, {@code PathRegexp(`^/api`)}). Routes are filed into
 * cells by exact host, by host suffix, or host-less, and within each cell by path prefix. A
 * request looks up its own host, the label-aligned suffixes of its host and the prefixes of its
 * path — a handful of hash probes whatever the number of routes — and evaluates only the routes
 * found there, in priority order, stopping at the first match and skipping any route ranked
 * below the best match so far. Selection compiles nothing and allocates nothing of its own.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> what a route leads to (a router, a handler chain)
 */
public final class RouteTable<T> {
    private static final RouteTable<Object> EMPTY = compile(List.of());

    /**
     * One router as the table sees it.
     *
     * @param name     router name, the default tie-break between equal priorities
     * @param rule     the compiled rule
     * @param priority effective priority ({@link Priorities#of})
     * @param target   what selection returns
     */
    public record Route<T>(String name, Rule rule, long priority, T target) {
        public Route {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(target, "target");
        }
    }

    private final List<Route<T>> routes;
    private final Rule[] rules;
    private final Optional<T>[] results;
    private final KeyTable<Cell> exactHosts;
    private final KeyTable<Cell> hostSuffixes;
    private final Cell anyHost;

    private RouteTable(List<Route<T>> routes, KeyTable<Cell> exactHosts, KeyTable<Cell> hostSuffixes, Cell anyHost) {
        this.routes = routes;
        this.exactHosts = exactHosts;
        this.hostSuffixes = hostSuffixes;
        this.anyHost = anyHost;
        int n = routes.size();
        rules = new Rule[n];
        @SuppressWarnings("unchecked")
        Optional<T>[] targets = (Optional<T>[]) new Optional<?>[n];
        for (int i = 0; i < n; i++) {
            rules[i] = routes.get(i).rule();
            targets[i] = Optional.of(routes.get(i).target());
        }
        results = targets;
    }

    /** A table without routes: every request selects nothing. */
    @SuppressWarnings("unchecked")
    public static <T> RouteTable<T> empty() {
        return (RouteTable<T>) EMPTY;
    }

    /** Compiles {@code routes}; equal priorities are ordered by name, then by list position. */
    public static <T> RouteTable<T> compile(List<Route<T>> routes) {
        return compile(routes, Comparator.comparing(Route::name));
    }

    /**
     * Compiles {@code routes}; equal priorities are ordered by {@code tieBreak}, then by list
     * position (e.g. a comparator on the provider's rank in {@code providers.precedence}).
     */
    public static <T> RouteTable<T> compile(List<Route<T>> routes, Comparator<? super Route<T>> tieBreak) {
        Objects.requireNonNull(tieBreak, "tieBreak");
        List<Route<T>> ordered = new ArrayList<>(List.copyOf(routes));
        Comparator<Route<T>> byPriority = Comparator.comparingLong(Route::priority);
        ordered.sort(byPriority.reversed().thenComparing(tieBreak));

        Map<String, CellBuilder> exact = new HashMap<>();
        Map<String, CellBuilder> suffix = new HashMap<>();
        CellBuilder any = new CellBuilder();
        for (int rank = 0; rank < ordered.size(); rank++) {
            for (IndexHint hint : ordered.get(rank).rule().indexHints()) {
                CellBuilder cell = switch (hint.host()) {
                    case EXACT -> exact.computeIfAbsent(hint.hostKey(), k -> new CellBuilder());
                    case SUFFIX -> suffix.computeIfAbsent(hint.hostKey(), k -> new CellBuilder());
                    case ANY -> any;
                };
                cell.add(hint.pathPrefix(), rank);
            }
        }
        return new RouteTable<>(List.copyOf(ordered), table(exact), table(suffix), any.build());
    }

    private static KeyTable<Cell> table(Map<String, CellBuilder> builders) {
        if (builders.isEmpty()) {
            return null;
        }
        Map<String, Cell> cells = new HashMap<>();
        builders.forEach((key, builder) -> cells.put(key, builder.build()));
        return new KeyTable<>(cells);
    }

    /** The target of the highest-priority route whose rule matches {@code request}, if any. */
    public Optional<T> select(RequestFacts request) {
        Objects.requireNonNull(request, "request");
        int best = rules.length;
        if (exactHosts != null || hostSuffixes != null) {
            String host = request.host();
            if (!host.isEmpty()) {
                // Host and the extracted regex literals never match an empty host
                String folded = HostNames.fold(host);
                int n = folded.length();
                boolean trailingDot = folded.charAt(n - 1) == '.';
                if (exactHosts != null) {
                    best = scan(exactHosts.get(folded, 0, n, folded.hashCode()), request, best);
                    if (trailingDot) {
                        best = scan(exactHosts.get(folded, 0, n - 1, KeyTable.hash(folded, 0, n - 1)), request, best);
                    }
                }
                if (hostSuffixes != null) {
                    best = scan(hostSuffixes.get(folded, n, n, 0), request, best);
                    best = scanSuffixes(folded, n, request, best);
                    if (trailingDot) {
                        best = scanSuffixes(folded, n - 1, request, best);
                    }
                }
            }
        }
        best = scan(anyHost, request, best);
        return best < rules.length ? results[best] : Optional.empty();
    }

    /** The routes in selection order (descending priority, then tie-break). */
    public List<Route<T>> routes() {
        return routes;
    }

    /** Number of routes. */
    public int size() {
        return rules.length;
    }

    /** Probes every suffix of {@code host[0, end)} that starts at a '.'. */
    private int scanSuffixes(String host, int end, RequestFacts request, int best) {
        int hash = 0;
        int power = 1;
        for (int i = end - 1; i >= 0; i--) {
            char c = host.charAt(i);
            hash += c * power;
            power *= 31;
            if (c == '.') {
                best = scan(hostSuffixes.get(host, i, end, hash), request, best);
            }
        }
        return best;
    }

    private int scan(Cell cell, RequestFacts request, int best) {
        if (cell == null || cell.minRank >= best) {
            return best;
        }
        best = scanList(cell.anyPath, request, best);
        if (cell.prefixes == null || cell.minPrefixRank >= best) {
            return best;
        }
        String path = request.path();
        int[] lengths = cell.prefixLengths;
        int limit = Math.min(path.length(), lengths[lengths.length - 1]);
        int hash = 0;
        int next = 0;
        for (int i = 0; i < limit; i++) {
            hash = 31 * hash + path.charAt(i);
            if (i + 1 == lengths[next]) {
                int[] list = cell.prefixes.get(path, 0, i + 1, hash);
                if (list != null) {
                    best = scanList(list, request, best);
                }
                next++;
            }
        }
        return best;
    }

    private int scanList(int[] ranks, RequestFacts request, int best) {
        for (int rank : ranks) {
            if (rank >= best) {
                return best;
            }
            if (rules[rank].matches(request)) {
                return rank;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "RouteTable[" + rules.length + " routes]";
    }

    /** The routes filed under one host key: those for any path, and those by path prefix. */
    private static final class Cell {
        final int minRank;
        final int[] anyPath;
        final int minPrefixRank;
        final KeyTable<int[]> prefixes;
        final int[] prefixLengths;

        Cell(int[] anyPath, Map<String, int[]> byPrefix) {
            this.anyPath = anyPath;
            int minPrefix = Integer.MAX_VALUE;
            for (int[] list : byPrefix.values()) {
                minPrefix = Math.min(minPrefix, list[0]);
            }
            this.minPrefixRank = minPrefix;
            this.minRank = Math.min(anyPath.length > 0 ? anyPath[0] : Integer.MAX_VALUE, minPrefix);
            if (byPrefix.isEmpty()) {
                prefixes = null;
                prefixLengths = null;
            } else {
                prefixes = new KeyTable<>(byPrefix);
                TreeSet<Integer> lengths = new TreeSet<>();
                byPrefix.keySet().forEach(k -> lengths.add(k.length()));
                prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    private static final class CellBuilder {
        private final RankList anyPath = new RankList();
        private final Map<String, RankList> byPrefix = new HashMap<>();

        void add(String pathPrefix, int rank) {
            (pathPrefix.isEmpty() ? anyPath : byPrefix.computeIfAbsent(pathPrefix, k -> new RankList())).add(rank);
        }

        Cell build() {
            Map<String, int[]> prefixes = new HashMap<>();
            byPrefix.forEach((prefix, ranks) -> prefixes.put(prefix, ranks.toArray()));
            return new Cell(anyPath.toArray(), prefixes);
        }
    }

    /** Ranks added in ascending order; a repeated rank (one rule, two equal hints) is kept once. */
    private static final class RankList {
        private int[] ranks = new int[2];
        private int size;

        void add(int rank) {
            if (size > 0 && ranks[size - 1] == rank) {
                return;
            }
            if (size == ranks.length) {
                ranks = Arrays.copyOf(ranks, size * 2);
            }
            ranks[size++] = rank;
        }

        int[] toArray() {
            return Arrays.copyOf(ranks, size);
        }
    }
}
