package io.switchyard.adapters.k8s.informer;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ServiceList;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real calls through the client's okhttp stack. okhttp 5 needs okio and kotlin-stdlib newer than
 * Helidon's BOM would pick; the root pom pins them. If a Helidon bump undoes the pins, every call
 * fails with {@code NoSuchMethodError: okio.Okio.socket} and this test says so first.
 */
final class ClientCallTest {
    private static FakeKubeApiServer fake;

    @BeforeAll
    static void startFake() {
        fake = new FakeKubeApiServer().start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Test
    void typedAndDynamicCalls_roundTripThroughOkhttp() throws Exception {
        ApiClient client = ApiClients.create(KubernetesOptions.DEFAULTS.withMasterUrl(URI.create(fake.url())));
        DynamicKubernetesApi routes = new DynamicKubernetesApi("traefik.io", "v1alpha1", "ingressroutes", client);

        DynamicKubernetesObject created = routes.create(new DynamicKubernetesObject(JsonParser.parseString(
                KubeJson.ingressRoute("shop", "web", "shop.example", "storefront", 80)).getAsJsonObject()))
                .throwsApiException().getObject();
        DynamicKubernetesObject read = routes.get("shop", "web").throwsApiException().getObject();
        new CoreV1Api(client).createNamespacedService("shop", JSON.deserialize(
                KubeJson.service("shop", "storefront", 80), io.kubernetes.client.openapi.models.V1Service.class))
                .execute();
        V1ServiceList services = new CoreV1Api(client).listNamespacedService("shop").execute();

        assertEquals(created.getMetadata().getUid(), read.getMetadata().getUid());
        assertEquals("Host(`shop.example`)", read.getRaw().getAsJsonObject("spec").getAsJsonArray("routes")
                .get(0).getAsJsonObject().get("match").getAsString());
        assertEquals(List.of("storefront"), services.getItems().stream().map(s -> s.getMetadata().getName()).toList());
        client.getHttpClient().dispatcher().executorService().shutdown();
    }
}
