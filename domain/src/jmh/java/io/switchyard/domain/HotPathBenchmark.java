package io.switchyard.domain;

import io.switchyard.domain.balance.Balancer;
import io.switchyard.domain.balance.Member;
import io.switchyard.domain.balance.MemberState;
import io.switchyard.domain.config.Strategy;
import io.switchyard.domain.forward.ForwardedHeaders;
import io.switchyard.domain.forward.HopByHop;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.rule.Priorities;
import io.switchyard.domain.rule.RequestFacts;
import io.switchyard.domain.rule.RequestPaths;
import io.switchyard.domain.rule.RouteTable;
import io.switchyard.domain.rule.Rule;
import java.util.ArrayList;
import java.util.List;
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
 * The in-process part of one proxied request that is Switchyard's own work, without I/O: copy the
 * client's header fields, entry-point forwarded headers, path normalisation and canonical host,
 * route selection among {@code routers} routers, a server pick (weighted round robin over three
 * servers), hop-by-hop removal, {@code X-Forwarded-For} and {@code Host}. Regressions in any of
 * these show here without the full proxy harness (docs/performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class HotPathBenchmark {
    private static final int REQUESTS = 512;

    @Param({"10", "1000"})
    public int routers;

    private RouteTable<Balancer> table;
    private HttpFields[] headers;
    private String[] hosts;
    private String[] paths;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<RouteTable.Route<Balancer>> routes = new ArrayList<>(routers);
        for (int i = 0; i < routers; i++) {
            String rule = i % 2 == 0 ? "Host(`svc" + i + ".example.com`)"
                    : "Host(`svc" + i + ".example.com`) && PathPrefix(`/api`)";
            List<Member> members = List.of(
                    new Member("http://10.0." + i % 250 + ".1:8080", 1, false, new MemberState()),
                    new Member("http://10.0." + i % 250 + ".2:8080", 1, false, new MemberState()),
                    new Member("http://10.0." + i % 250 + ".3:8080", 1, false, new MemberState()));
            routes.add(new RouteTable.Route<>("router-" + i, Rule.parse(rule), Priorities.of(rule, 0),
                    Balancer.of(Strategy.WRR, members, new SplittableRandom(i))));
        }
        table = RouteTable.compile(routes);
        SplittableRandom random = new SplittableRandom(7);
        headers = new HttpFields[REQUESTS];
        hosts = new String[REQUESTS];
        paths = new String[REQUESTS];
        for (int r = 0; r < REQUESTS; r++) {
            int i = random.nextInt(routers);
            hosts[r] = "svc" + i + ".example.com";
            paths[r] = i % 2 == 0 ? "/index.html" : "/api/v1/items/" + r;
            headers[r] = new HttpFields()
                    .add("Host", hosts[r])
                    .add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36")
                    .add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                    .add("Accept-Encoding", "gzip, deflate, br")
                    .add("Accept-Language", "en-US,en;q=0.9")
                    .add("Connection", "keep-alive")
                    .add("Cookie", "session=abc123; theme=dark")
                    .add("X-Forwarded-For", "198.51.100.7");
        }
    }

    @Benchmark
    public Object requestPath() {
        int r = next++ & (REQUESTS - 1);
        HttpFields h = HttpFields.copyOf(headers[r]);
        String authority = hosts[r];
        ForwardedHeaders.prepare(h, false, "203.0.113.9", false, authority, "switchyard-0");
        String path = RequestPaths.normalize(paths[r], true);
        Facts facts = new Facts(RequestPaths.canonicalHost(authority), RequestPaths.routingPath(path), h);
        Balancer balancer = table.select(facts).orElseThrow();
        Member server = balancer.pick("203.0.113.9").orElseThrow();
        HopByHop.stripRequest(h);
        ForwardedHeaders.appendForwardedFor(h, "203.0.113.9");
        h.set("Host", authority);
        return server;
    }

    private record Facts(String host, String path, HttpFields headers) implements RequestFacts {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public List<String> header(String name) {
            return headers.all(name);
        }

        @Override
        public String rawQuery() {
            return "";
        }

        @Override
        public String clientIp() {
            return "203.0.113.9";
        }
    }
}
