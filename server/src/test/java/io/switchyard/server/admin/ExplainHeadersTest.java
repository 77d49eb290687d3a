package io.switchyard.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.ports.runtime.RoutingRuntime;
import io.switchyard.ports.runtime.RuntimeSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The explain API takes {@code header} values as text; they are matched as the bytes a client would
 * send for that text (UTF-8), as requests are.
 */
final class ExplainHeadersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "X-Name: J\u00fcrgen  | forwarded",
        "X-Name: Juergen      | 404 page not found"})
    void headerValues_matchAsTheirUtf8Bytes(String header, String outcome) {
        RoutingRuntime runtime = new RoutingRuntime(request -> {
            throw new AssertionError("explain never forwards");
        }, RuntimeSettings.of(List.of("web"), "test"), new Random(1));
        runtime.apply(new DynamicConfig(
                Map.of("named", RouterConfig.of("Header(`X-Name`, `J\u00fcrgen`)", List.of("web"), "app")),
                Map.<String, ServiceConfig>of("app", LoadBalancerService.of(List.of(ServerConfig.of("http://10.0.0.1")))),
                Map.of()));

        Map<String, Object> answer = Explain.of(runtime, RuntimeView.of(runtime), name -> Optional.empty(),
                name -> name.equals("header") ? List.of(header) : List.of());

        assertEquals(outcome, answer.get("outcome"), answer.toString());
    }
}
