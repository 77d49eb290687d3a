package io.switchyard.domain.rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Route selection among 10, 1 000 and 10 000 routers: the compiled {@link RouteTable} against a
 * linear scan in priority order (what evaluating every rule in turn costs). Routers mix the shapes
 * real clusters have — {@code Host}, {@code Host && PathPrefix}, {@code Host && Header},
 * {@code HostRegexp} on a tenant domain, host-less {@code PathPrefix} — plus three host-less
 * catch-alls. Requests hit random routers through each shape, and one in five matches only the
 * catch-all. See docs/performance-routing.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class RouteSelectionBenchmark {
    private static final int REQUESTS = 1024;

    @Param({"10", "1000", "10000"})
    public int routers;

    private RouteTable<String> table;
    private Rule[] linearRules;
    private String[] linearTargets;
    private Request[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<RouteTable.Route<String>> routes = new ArrayList<>(routers + 3);
        for (int i = 0; i < routers; i++) {
            String rule = switch (i % 5) {
                case 0 -> "Host(`svc" + i + ".example.com`)";
                case 1 -> "Host(`svc" + i + ".example.com`) && PathPrefix(`/api/v" + i % 3 + "`)";
                case 2 -> "Host(`svc" + i + ".example.com`) && Header(`X-Tenant`, `t" + i + "`)";
                case 3 -> "HostRegexp(`^[a-z0-9-]+\\.tenant" + i + "\\.example\\.org$`)";
                default -> "PathPrefix(`/static/s" + i + "/`)";
            };
            routes.add(route("router-" + i, rule, 0));
        }
        routes.add(route("acme", "PathPrefix(`/.well-known/acme-challenge/`)", 0));
        routes.add(route("debug", "Header(`X-Debug`, `1`) && PathPrefix(`/debug`)", 0));
        routes.add(route("catch-all", "PathPrefix(`/`)", 1));
        table = RouteTable.compile(routes);

        List<RouteTable.Route<String>> ordered = new ArrayList<>(routes);
        ordered.sort(Comparator.<RouteTable.Route<String>>comparingLong(RouteTable.Route::priority).reversed()
                .thenComparing(RouteTable.Route::name));
        linearRules = ordered.stream().map(RouteTable.Route::rule).toArray(Rule[]::new);
        linearTargets = ordered.stream().map(RouteTable.Route::target).toArray(String[]::new);

        SplittableRandom random = new SplittableRandom(42);
        requests = new Request[REQUESTS];
        for (int k = 0; k < REQUESTS; k++) {
            int i = random.nextInt(routers);
            requests[k] = random.nextInt(5) == 0
                    ? new Request("unknown-" + k + ".example.net", "/nothing/here", "")
                    : switch (i % 5) {
                        case 0 -> new Request("svc" + i + ".example.com", "/index.html", "");
                        case 1 -> new Request("svc" + i + ".example.com", "/api/v" + i % 3 + "/items/7", "");
                        case 2 -> new Request("svc" + i + ".example.com", "/", "t" + i);
                        case 3 -> new Request("shop-" + k + ".tenant" + i + ".example.org", "/cart", "");
                        default -> new Request("cdn.example.com", "/static/s" + i + "/app.js", "");
                    };
            // the benchmark must measure selections that succeed the way a linear scan says
            if (!table.select(requests[k]).equals(linear(requests[k]))) {
                throw new IllegalStateException("table and linear scan disagree on " + requests[k]);
            }
        }
        // a load-independent view of the work: how often a selection reads the request
        long compiledReads = 0;
        long linearReads = 0;
        for (Request request : requests) {
            Counting counting = new Counting(request);
            table.select(counting);
            compiledReads += counting.reads;
            counting = new Counting(request);
            linear(counting);
            linearReads += counting.reads;
        }
        System.out.printf("%nrouters=%d: request reads per selection: compiled table %.1f, linear scan %.1f%n",
                routers, compiledReads / (double) REQUESTS, linearReads / (double) REQUESTS);
    }

    private static RouteTable.Route<String> route(String name, String rule, long priority) {
        return new RouteTable.Route<>(name, Rule.parse(rule), Priorities.of(rule, priority), name);
    }

    private Request nextRequest() {
        next = (next + 1) & (REQUESTS - 1);
        return requests[next];
    }

    @Benchmark
    public Optional<String> compiledTable() {
        return table.select(nextRequest());
    }

    @Benchmark
    public Optional<String> linearScan() {
        return linear(nextRequest());
    }

    private Optional<String> linear(RequestFacts request) {
        for (int i = 0; i < linearRules.length; i++) {
            if (linearRules[i].matches(request)) {
                return Optional.of(linearTargets[i]);
            }
        }
        return Optional.empty();
    }

    /** Counts reads of the request: roughly the number of matchers evaluated. */
    private static final class Counting implements RequestFacts {
        private final RequestFacts delegate;
        private int reads;

        Counting(RequestFacts delegate) {
            this.delegate = delegate;
        }

        @Override
        public String method() {
            reads++;
            return delegate.method();
        }

        @Override
        public String host() {
            reads++;
            return delegate.host();
        }

        @Override
        public String path() {
            reads++;
            return delegate.path();
        }

        @Override
        public List<String> header(String name) {
            reads++;
            return delegate.header(name);
        }

        @Override
        public String rawQuery() {
            reads++;
            return delegate.rawQuery();
        }

        @Override
        public String clientIp() {
            reads++;
            return delegate.clientIp();
        }
    }

    /** A request as the data plane presents it: canonical host and routing path precomputed. */
    record Request(String host, String path, String tenant) implements RequestFacts {
        private static final List<String> NONE = List.of();

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public List<String> header(String name) {
            return !tenant.isEmpty() && name.equalsIgnoreCase("X-Tenant") ? List.of(tenant) : NONE;
        }

        @Override
        public String rawQuery() {
            return "";
        }

        @Override
        public String clientIp() {
            return "10.0.0.1";
        }
    }
}
