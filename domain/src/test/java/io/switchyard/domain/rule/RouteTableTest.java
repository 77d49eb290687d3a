package io.switchyard.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Selection order (rules.md §5.6) and what the compiled index narrows selection to. */
final class RouteTableTest {

    private static RouteTable.Route<String> route(String name, String rule) {
        return new RouteTable.Route<>(name, Rule.parse(rule), Priorities.of(rule, 0), name);
    }

    private static RouteTable.Route<String> route(String name, String rule, long priority) {
        return new RouteTable.Route<>(name, Rule.parse(rule), Priorities.of(rule, priority), name);
    }

    private static Optional<String> select(RouteTable<String> table, String host, String target) {
        return table.select(TestRequest.get(host, target));
    }

    @Test
    void select_longerRuleWinsByDefault() {
        RouteTable<String> table = RouteTable.compile(List.of(
                route("all", "PathPrefix(`/`)"),
                route("api", "Host(`example.com`) && PathPrefix(`/api`)"),
                route("site", "Host(`example.com`)")));
        assertEquals(Optional.of("api"), select(table, "example.com", "/api/v1"));
        assertEquals(Optional.of("site"), select(table, "example.com", "/index.html"));
        assertEquals(Optional.of("all"), select(table, "other.com", "/api"));
    }

    @Test
    void select_configuredPriority_overridesLength_andNegativeSortsLast() {
        RouteTable<String> table = RouteTable.compile(List.of(
                route("catchAll", "PathPrefix(`/`)", 1000),
                route("specific", "Host(`example.com`) && Path(`/x`)"),
                route("negative", "Host(`example.com`)", -5)));
        assertEquals(Optional.of("catchAll"), select(table, "example.com", "/x"));
        assertEquals(List.of("catchAll", "specific", "negative"), table.routes().stream().map(RouteTable.Route::name).toList());
    }

    @Test
    void select_equalPriority_isDecidedByName_thenByListPosition() {
        RouteTable<String> byName = RouteTable.compile(List.of(route("b", "PathPrefix(`/`)", 5), route("a", "Host(`x`)", 5)));
        assertEquals(Optional.of("a"), select(byName, "x", "/"));

        RouteTable.Route<String> first = new RouteTable.Route<>("same", Rule.parse("PathPrefix(`/`)"), 5, "first");
        RouteTable.Route<String> second = new RouteTable.Route<>("same", Rule.parse("Host(`x`)"), 5, "second");
        assertEquals(Optional.of("first"), RouteTable.compile(List.of(first, second)).select(TestRequest.get("x", "/")));
        assertEquals(Optional.of("second"), RouteTable.compile(List.of(second, first)).select(TestRequest.get("x", "/")));
    }

    @Test
    void select_equalPriority_customTieBreak_likeProviderPrecedence() {
        List<String> precedence = List.of("kubernetescrd", "file");
        Comparator<RouteTable.Route<String>> byProvider =
                Comparator.comparing(r -> precedence.indexOf(r.name().substring(r.name().indexOf('@') + 1)));
        RouteTable<String> table = RouteTable.compile(List.of(
                route("a@file", "PathPrefix(`/`)", 5), route("z@kubernetescrd", "PathPrefix(`/`)", 5)), byProvider);
        assertEquals(Optional.of("z@kubernetescrd"), select(table, "x", "/"));
    }

    @Test
    void select_nothingMatches_isEmpty() {
        RouteTable<String> table = RouteTable.compile(List.of(route("a", "Host(`a.com`)")));
        assertEquals(Optional.empty(), select(table, "b.com", "/"));
        assertEquals(Optional.empty(), select(table, "", "/"));
        assertEquals(Optional.empty(), RouteTable.<String>empty().select(TestRequest.get("a.com", "/")));
        assertEquals(0, RouteTable.empty().size());
    }

    @Test
    void select_hostForms_areAllFoundThroughTheIndex() {
        RouteTable<String> table = RouteTable.compile(List.of(
                route("exact", "Host(`api.example.com`)", 10),
                route("trailingDot", "Host(`dot.example.com.`)", 10),
                route("wildcard", "Host(`*.example.com`)", 5),
                route("singleLabel", "Host(`*.`)", 5),
                route("regexSuffix", "HostRegexp(`^[a-z]+\\.example\\.org$`)", 5),
                route("regexExact", "HostRegexp(`^exact\\.example\\.net$`)", 5),
                route("either", "Host(`one.test`) || Host(`two.test`)", 5),
                route("notA", "!Host(`a.test`) && PathPrefix(`/not-a`)", 5),
                route("everything", "Host(`*`) && Path(`/star`)", 5)));
        assertEquals(Optional.of("exact"), select(table, "API.example.com:443", "/"));
        assertEquals(Optional.of("exact"), select(table, "api.example.com.", "/"));
        assertEquals(Optional.of("trailingDot"), select(table, "dot.example.com", "/"));
        assertEquals(Optional.of("wildcard"), select(table, "www.example.com", "/"));
        assertEquals(Optional.of("wildcard"), select(table, "www.example.com.", "/"));
        assertEquals(Optional.empty(), select(table, "a.b.example.com", "/"));
        assertEquals(Optional.of("singleLabel"), select(table, "localhost", "/"));
        assertEquals(Optional.of("regexSuffix"), select(table, "shop.example.org", "/"));
        assertEquals(Optional.empty(), select(table, "shop.example.org.evil", "/"));
        assertEquals(Optional.of("regexExact"), select(table, "exact.example.net", "/"));
        assertEquals(Optional.of("either"), select(table, "two.test", "/"));
        assertEquals(Optional.of("notA"), select(table, "b.test", "/not-a"));
        assertEquals(Optional.empty(), select(table, "a.test", "/not-a"));
        assertEquals(Optional.of("everything"), select(table, "", "/star"));
    }

    @Test
    void select_emptyMatchingHostRegexp_matchesEveryRequest() {
        RouteTable<String> table = RouteTable.compile(List.of(
                route("quirk", "HostRegexp(`^[a-z]*$`)", 1), route("exact", "Host(`a.com`)", 10)));
        assertEquals(Optional.of("quirk"), select(table, "x-1.other.com", "/"));
        assertEquals(Optional.of("quirk"), select(table, "", "/"));
        assertEquals(Optional.of("exact"), select(table, "a.com", "/"));
    }

    @Test
    void select_amongManyHostRoutes_evaluatesOnlyTheCandidates() {
        List<RouteTable.Route<String>> routes = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            routes.add(route("r" + i, "Host(`svc" + i + ".example.com`)" + (i % 2 == 0 ? " && PathPrefix(`/p" + i % 7 + "`)" : "")));
        }
        routes.add(route("fallback", "PathPrefix(`/`)", 1));
        RouteTable<String> table = RouteTable.compile(routes);

        CountingRequest hit = new CountingRequest(TestRequest.get("svc4242.example.com", "/p" + 4242 % 7 + "/x"));
        assertEquals(Optional.of("r4242"), table.select(hit));
        assertTrue(hit.calls < 20, () -> "facts read " + hit.calls + " times");

        CountingRequest miss = new CountingRequest(TestRequest.get("unknown.example.com", "/x"));
        assertEquals(Optional.of("fallback"), table.select(miss));
        assertTrue(miss.calls < 20, () -> "facts read " + miss.calls + " times");
    }

    @Test
    void select_amongManyPathsOnOneHost_evaluatesOnlyTheCandidates() {
        List<RouteTable.Route<String>> routes = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            routes.add(route("p" + i, "Host(`api.example.com`) && PathPrefix(`/v1/resource" + i + "`)"));
            routes.add(route("q" + i, "PathRegexp(`^/q" + i + "/[0-9]+$`)"));
        }
        RouteTable<String> table = RouteTable.compile(routes);

        CountingRequest request = new CountingRequest(TestRequest.get("api.example.com", "/v1/resource1234/items"));
        assertEquals(Optional.of("p1234"), table.select(request));
        assertTrue(request.calls < 40, () -> "facts read " + request.calls + " times");

        CountingRequest regex = new CountingRequest(TestRequest.get("api.example.com", "/q77/12"));
        assertEquals(Optional.of("q77"), table.select(regex));
        assertTrue(regex.calls < 40, () -> "facts read " + regex.calls + " times");
    }

    @Test
    void route_nulls_areRejected() {
        Rule rule = Rule.parse("Host(`a`)");
        assertThrows(NullPointerException.class, () -> new RouteTable.Route<>(null, rule, 1, "t"));
        assertThrows(NullPointerException.class, () -> new RouteTable.Route<>("n", null, 1, "t"));
        assertThrows(NullPointerException.class, () -> new RouteTable.Route<String>("n", rule, 1, null));
    }

    /** Counts how often the rules (and the index) read the request. */
    private static final class CountingRequest implements RequestFacts {
        private final TestRequest delegate;
        int calls;

        CountingRequest(TestRequest delegate) {
            this.delegate = delegate;
        }

        @Override
        public String method() {
            calls++;
            return delegate.method();
        }

        @Override
        public String host() {
            calls++;
            return delegate.host();
        }

        @Override
        public String path() {
            calls++;
            return delegate.path();
        }

        @Override
        public List<String> header(String name) {
            calls++;
            return delegate.header(name);
        }

        @Override
        public String rawQuery() {
            calls++;
            return delegate.rawQuery();
        }

        @Override
        public String clientIp() {
            calls++;
            return delegate.clientIp();
        }
    }
}
