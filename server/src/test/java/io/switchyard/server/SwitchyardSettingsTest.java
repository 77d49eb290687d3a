package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.server.admin.AccessLogSettings;
import io.switchyard.server.admin.Operations;
import io.switchyard.server.http.ConnectionLimits;
import io.switchyard.server.http.EntryPointBinding;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Switchyard.Settings}: the builder's defaults and the record's checks. */
final class SwitchyardSettingsTest {
    @Test
    void builder_withNothingSet_givesTheDocumentedDefaults() {
        assertEquals(new Switchyard.Settings(List.of(new EntryPointBinding("web", "0.0.0.0", 8000)), "", Map.of(),
                ProviderOptions.DEFAULTS, DynamicConfig.EMPTY, Duration.ofSeconds(10), Operations.Settings.NONE,
                ConnectionLimits.DEFAULTS, true, false), Switchyard.Settings.builder().build());
    }

    @Test
    void builder_setsEveryComponent() {
        EntryPointBinding ep = new EntryPointBinding("api", "127.0.0.1", 0);
        ProviderOptions options = ProviderOptions.DEFAULTS.withAllowCrossNamespace(true);
        ConnectionLimits limits = ConnectionLimits.DEFAULTS.withMaxHeaderSize(4096);
        Operations.Settings operations = new Operations.Settings(
                Optional.of(new EntryPointBinding.HostPort("127.0.0.1", 0)),
                AccessLogSettings.OFF);
        Switchyard.Settings s = Switchyard.Settings.builder()
                .entryPoints(List.of(ep))
                .source("manifests", Map.of("dir", "/tmp/x"))
                .options(options)
                .fixed(DynamicConfig.EMPTY)
                .gracePeriod(Duration.ofMillis(250))
                .operations(operations)
                .limits(limits)
                .retryIdempotentOnce(false)
                .propagateHealth(true)
                .build();
        assertEquals(new Switchyard.Settings(List.of(ep), "manifests", Map.of("dir", "/tmp/x"), options,
                DynamicConfig.EMPTY, Duration.ofMillis(250), operations, limits, false, true), s);
    }

    @Test
    void builder_copiesWhatItIsGiven() {
        Map<String, String> sourceOptions = new HashMap<>(Map.of("dir", "/tmp/a"));
        Switchyard.Settings.Builder builder = Switchyard.Settings.builder().source("manifests", sourceOptions);
        sourceOptions.put("dir", "/tmp/b");
        assertEquals(Map.of("dir", "/tmp/a"), builder.build().sourceOptions());
    }

    @Test
    void builder_rejectsNull() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Switchyard.Settings.builder().gracePeriod(null));
        assertEquals("gracePeriod", e.getMessage());
    }
}
