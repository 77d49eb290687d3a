package io.switchyard.adapters.k8s.informer;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.ClientBuilder;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Once-only reporting: retries are silent, reminders are rare, recoveries are noted once. */
final class ApiHealthTest {
    private static final String SERVER = "https://10.0.0.1:6443";

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<String> problems = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final ApiHealth health = new ApiHealth(SERVER, problems::add, notices::add, () -> now);
    private final ApiClient client = new ClientBuilder().setBasePath(SERVER).build();

    private ResourceWatch watch(WatchedResource resource, String namespace) {
        return new ResourceWatch(client, resource, namespace, "", Duration.ZERO, health, () -> { });
    }

    private static ApiException refused() {
        return new ApiException(new ConnectException("Connection refused"));
    }

    private void advance(Duration d) {
        now = now.plus(d);
    }

    @Test
    void outage_seenByEveryInformerAndEveryRetry_isOneLine_thenOneRecovery() {
        List<ResourceWatch> watches = WatchedResource.ALL.stream().map(r -> watch(r, "")).toList();

        for (int retry = 0; retry < 30; retry++) {
            watches.forEach(w -> health.failed(w, refused()));
            advance(Duration.ofSeconds(1));
        }
        watches.subList(0, 8).forEach(health::succeeded);
        assertEquals(List.of(), notices, "recovered only when every watch is back");
        health.succeeded(watches.get(8));

        assertEquals(List.of("cannot reach the Kubernetes API server at " + SERVER
                + " (Connection refused); retrying, the last good snapshot stays"), problems);
        assertEquals(List.of("Kubernetes API server at " + SERVER + " is reachable again; watches resumed"), notices);
    }

    @Test
    void lastingProblem_isRemindedEveryFiveMinutes() {
        ResourceWatch w = watch(WatchedResource.SERVICES, "");
        for (int second = 0; second <= 11 * 60; second++) {
            health.failed(w, refused());
            advance(Duration.ofSeconds(1));
        }
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(List.of(false, true, true), problems.stream().map(p -> p.startsWith("still: ")).toList());
    }

    @Test
    void newOutageAfterRecovery_isReportedAgain() {
        ResourceWatch w = watch(WatchedResource.SERVICES, "");
        health.failed(w, refused());
        health.succeeded(w);
        health.failed(w, refused());
        assertEquals(2, problems.size());
    }

    @Test
    void httpStatuses_getTheirOwnClearLines() {
        health.failed(watch(WatchedResource.SECRETS, "shop"), new ApiException(403, "Forbidden"));
        health.failed(watch(WatchedResource.INGRESS_ROUTES, ""), new ApiException(404, "Not Found"));
        health.failed(watch(WatchedResource.NODES, ""), new ApiException(401, "Unauthorized"));
        health.failed(watch(WatchedResource.SERVICES, ""), new ApiException(500, null, null,
                "{\"kind\":\"Status\",\"message\":\"etcdserver: request timed out\",\"code\":500}"));

        assertEquals(List.of(
                "forbidden to list and watch secrets in namespace shop (403); grant get, list and watch on it"
                        + " (deploy/rbac.yaml); retrying",
                "the API server does not serve traefik.io/v1alpha1 ingressroutes (404); are Traefik's CRDs"
                        + " installed?; retrying",
                "the Kubernetes API server at " + SERVER + " rejected the credentials (401 Unauthorized); check the"
                        + " kubeconfig or the service account token; retrying",
                "listing services failed: HTTP 500 (etcdserver: request timed out); retrying, the last good"
                        + " snapshot stays"), problems);
    }

    @Test
    void notices_areRateLimitedPerKind() {
        ResourceWatch w = watch(WatchedResource.SERVICES, "");
        for (int i = 0; i < 10; i++) {
            health.expired(w);
            health.cut(w, new RuntimeException("IO Exception during hasNext method.",
                    new java.io.EOFException("unexpected end of stream")));
            advance(Duration.ofSeconds(5));
        }
        advance(ApiHealth.NOTICE_WINDOW);
        health.expired(w);

        assertEquals(3, notices.size(), notices.toString());
        assertEquals("a watch on the Kubernetes API server was cut (services: unexpected end of stream);"
                + " re-listing, the last good snapshot stays", notices.get(1));
    }

    @Test
    void closedHealth_staysSilent() {
        health.close();
        health.failed(watch(WatchedResource.SERVICES, ""), refused());
        health.expired(watch(WatchedResource.SERVICES, ""));
        assertEquals(List.of(), problems);
        assertEquals(List.of(), notices);
    }
}
