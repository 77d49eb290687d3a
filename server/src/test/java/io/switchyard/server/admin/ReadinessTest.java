package io.switchyard.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.ports.discovery.ClusterSource;
import io.switchyard.ports.runtime.TrafficObserver;
import io.switchyard.server.Switchyard;
import io.switchyard.server.http.EntryPointBinding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code /ready} is 503 until discovery has synced and the first configuration is applied; {@code /ping} is 200 throughout. */
final class ReadinessTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ready_turnsOkOnlyAfterTheFirstSnapshotIsApplied() throws Exception {
        GatedSourceProvider.LISTENERS.clear();
        try (Switchyard sy = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .source("gated-test", Map.of())
                .gracePeriod(Duration.ofSeconds(1))
                .operations(new Operations.Settings(Optional.of(new EntryPointBinding.HostPort("127.0.0.1", 0)),
                        AccessLogSettings.OFF))
                .build())) {
            int admin = sy.adminPort().orElseThrow();
            ClusterSource.SnapshotListener listener = GatedSourceProvider.LISTENERS.poll(5, TimeUnit.SECONDS);
            assertTrue(listener != null, "source started");

            HttpResponse<String> notReady = get(admin, "/ready");
            assertEquals(503, notReady.statusCode());
            assertEquals("not ready: waiting for the first configuration", notReady.body());
            assertEquals(200, get(admin, "/ping").statusCode());
            assertTrue(get(admin, "/metrics").body().contains("\ntraefik_config_reloads_total 0\n"));

            listener.onSnapshot(ClusterSnapshot.EMPTY);

            assertEquals(200, get(admin, "/ready").statusCode());
            assertEquals("OK", get(admin, "/ready").body());
            assertTrue(get(admin, "/metrics").body().contains("\ntraefik_config_reloads_total 1\n"));
            listener.onSnapshot(ClusterSnapshot.EMPTY);
            assertTrue(get(admin, "/metrics").body().contains("\ntraefik_config_reloads_total 2\n"));
        }
    }

    @Test
    void noAdmin_meansNoAdminListener() {
        try (Switchyard sy = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .gracePeriod(Duration.ofSeconds(1))
                .operations(Operations.Settings.NONE)
                .build())) {
            assertEquals(Optional.empty(), sy.adminPort());
            assertEquals(1, sy.operations().reloads().count(), "the fixed configuration counts as one reload");
            assertEquals(TrafficObserver.NONE, sy.operations().observer(), "no metrics to keep without admin");
        }
    }
}
