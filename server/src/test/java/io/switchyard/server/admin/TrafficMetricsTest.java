package io.switchyard.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServiceRef;
import io.switchyard.domain.config.WeightedService;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.runtime.CompletedExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TrafficMetricsTest {
    private static final DynamicConfig CONFIG = new DynamicConfig(
            Map.of("shop", RouterConfig.of("Host(`shop`)", List.of("web"), "split")),
            Map.of("split", new WeightedService(List.of(new ServiceRef("blue", 1)), Optional.empty()),
                    "blue", LoadBalancerService.of(List.of(ServerConfig.of("http://10.0.0.1:80")))),
            Map.of());

    private static CompletedExchange exchange(String router, String service, int status, long nanos,
                                              HttpFields headers) {
        return new CompletedExchange("web", "10.0.0.9", "GET", "/", "HTTP/1.1", "shop", router, service,
                service.isEmpty() ? "" : "http://10.0.0.1:80", status, 0, nanos, 1, "", headers);
    }

    private static String render(TrafficMetrics metrics, DynamicConfig live) {
        PrometheusText out = new PrometheusText();
        metrics.render(out, live, Set.of("web"));
        return out.toString();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "Upgrade      | websocket                    | websocket",
        "Accept       | text/html, text/event-stream | sse",
        "Content-Type | application/grpc             | grpc",
        "Content-Type | application/grpc+proto       | grpc",
        "Content-Type | application/grpc-web+proto   | grpc-web",
        "Content-Type | application/json             | http",
        "Accept       | */*                          | http",
    })
    void protocol_isTraefiksLabel(String header, String value, String expected) {
        HttpFields headers = new HttpFields();
        headers.add(header, value);
        assertEquals(expected, TrafficMetrics.protocol(headers));
    }

    @Test
    void record_countsEachLevelWithHistogramBuckets() {
        TrafficMetrics metrics = new TrafficMetrics(() -> CONFIG, "kubernetescrd");
        for (long nanos : new long[] {50_000_000L, 100_000_000L, 250_000_000L, 2_000_000_000L, 9_000_000_000L}) {
            metrics.completed(exchange("shop@kubernetescrd", "blue@kubernetescrd", 200, nanos, new HttpFields()));
        }
        metrics.completed(exchange("", "", 404, 1_000_000L, new HttpFields()));
        String page = render(metrics, CONFIG);

        String ep = "{code=\"200\",entrypoint=\"web\",method=\"GET\",protocol=\"http\"";
        assertTrue(page.contains("traefik_entrypoint_requests_total" + ep + "} 5\n"), page);
        assertTrue(page.contains("traefik_entrypoint_request_duration_seconds_bucket" + ep + ",le=\"0.1\"} 2\n"), page);
        assertTrue(page.contains("traefik_entrypoint_request_duration_seconds_bucket" + ep + ",le=\"0.3\"} 3\n"), page);
        assertTrue(page.contains("traefik_entrypoint_request_duration_seconds_bucket" + ep + ",le=\"1.2\"} 3\n"), page);
        assertTrue(page.contains("traefik_entrypoint_request_duration_seconds_bucket" + ep + ",le=\"5\"} 4\n"), page);
        assertTrue(page.contains("traefik_entrypoint_request_duration_seconds_bucket" + ep + ",le=\"+Inf\"} 5\n"), page);
        assertTrue(page.contains("traefik_entrypoint_request_duration_seconds_sum" + ep + "} 11.4\n"), page);
        assertTrue(page.contains("traefik_entrypoint_requests_total{code=\"404\",entrypoint=\"web\",method=\"GET\","
                + "protocol=\"http\"} 1\n"), page);
        // The router's label names its own service (the weighted one), and both service levels count.
        assertTrue(page.contains("traefik_router_requests_total{code=\"200\",method=\"GET\",protocol=\"http\","
                + "router=\"shop@kubernetescrd\",service=\"split@kubernetescrd\"} 5\n"), page);
        assertTrue(page.contains("traefik_service_requests_total{code=\"200\",method=\"GET\",protocol=\"http\","
                + "service=\"split@kubernetescrd\"} 5\n"), page);
        assertTrue(page.contains("traefik_service_requests_total{code=\"200\",method=\"GET\",protocol=\"http\","
                + "service=\"blue@kubernetescrd\"} 5\n"), page);
        assertFalse(page.contains("code=\"404\",method"), "no router or service series for the 404: " + page);
    }

    @Test
    void removedObjects_areExportedOnceMoreThenForgotten() {
        TrafficMetrics metrics = new TrafficMetrics(() -> CONFIG, "kubernetescrd");
        metrics.completed(exchange("shop@kubernetescrd", "blue@kubernetescrd", 200, 1, new HttpFields()));
        assertTrue(render(metrics, DynamicConfig.EMPTY).contains("router=\"shop@kubernetescrd\""));
        String after = render(metrics, DynamicConfig.EMPTY);
        assertFalse(after.contains("shop@kubernetescrd"), after);
        assertFalse(after.contains("blue@kubernetescrd"), after);
        assertTrue(after.contains("entrypoint=\"web\""), "the entry point still exists: " + after);
    }

    @Test
    void routerServiceChange_isPickedUpAfterAReload() {
        AtomicReference<DynamicConfig> live = new AtomicReference<>(CONFIG);
        TrafficMetrics metrics = new TrafficMetrics(live::get, "kubernetescrd");
        metrics.completed(exchange("shop@kubernetescrd", "blue@kubernetescrd", 200, 1, new HttpFields()));
        DynamicConfig direct = new DynamicConfig(Map.of("shop", RouterConfig.of("Host(`shop`)", List.of(), "blue")),
                CONFIG.services(), Map.of());
        live.set(direct);
        metrics.completed(exchange("shop@kubernetescrd", "blue@kubernetescrd", 200, 1, new HttpFields()));
        String page = render(metrics, direct);
        assertTrue(page.contains("router=\"shop@kubernetescrd\",service=\"split@kubernetescrd\"} 1\n"), page);
        assertTrue(page.contains("router=\"shop@kubernetescrd\",service=\"blue@kubernetescrd\"} 1\n"), page);
    }

    @Test
    void concurrentRecording_losesNothing() throws Exception {
        TrafficMetrics metrics = new TrafficMetrics(() -> CONFIG, "kubernetescrd");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int code = 200 + t % 2;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    metrics.completed(exchange("shop@kubernetescrd", "blue@kubernetescrd", code, i, new HttpFields()));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> routers = (Map<String, Object>) metrics.stats().get("routers");
        @SuppressWarnings("unchecked")
        Map<String, Object> shop = (Map<String, Object>) routers.get("shop@kubernetescrd");
        assertEquals(20_000L, shop.get("requests"));
        assertEquals(20_000L, shop.get("2xx"));
    }
}
