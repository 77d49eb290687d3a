package io.switchyard.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.runtime.CompletedExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class AccessLogTest {
    private static final Instant END = Instant.parse("2024-05-01T10:00:00.5Z");
    private static final InstantSource CLOCK = InstantSource.fixed(END);

    @TempDir
    Path dir;

    private static CompletedExchange forwarded() {
        HttpFields headers = new HttpFields();
        headers.add("Referer", "https://ref.example/");
        headers.add("User-Agent", "curl/8.0");
        headers.add("X-Forwarded-For", "203.0.113.7, 10.1.1.1");
        return new CompletedExchange("web", "10.1.1.1", "GET", "/cart", "HTTP/1.1", "shop.example:8000",
                "shop@kubernetescrd", "shop-svc@kubernetescrd", "http://10.0.0.1:80", 200, 0, 1_234_567,
                51234, "id=7", headers, 12, 1520);
    }

    private static CompletedExchange unrouted() {
        return new CompletedExchange("web", "127.0.0.1", "GET", "/", "HTTP/1.1", "", "", "", "", 404, 0, 12_000,
                40000, "", new HttpFields(), 0, 19);
    }

    private static List<String> lines(AccessLogSettings.Format format, CompletedExchange... exchanges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog log = new AccessLog(out, false, format, 16, CLOCK, ZoneOffset.UTC);
        for (CompletedExchange e : exchanges) {
            log.completed(e);
        }
        log.close();
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void common_writesTraefikCommonLogFormat() {
        assertEquals(List.of(
                "203.0.113.7 - - [01/May/2024:10:00:00 +0000] \"GET /cart?id=7 HTTP/1.1\" 200 1520 "
                        + "\"https://ref.example/\" \"curl/8.0\" 1 \"shop@kubernetescrd\" \"http://10.0.0.1:80\" 1ms",
                "127.0.0.1 - - [01/May/2024:10:00:00 +0000] \"GET / HTTP/1.1\" - - \"-\" \"-\" 2 \"-\" \"-\" 0ms"),
                lines(AccessLogSettings.Format.COMMON, forwarded(), unrouted()));
    }

    /** Field values are octets; the log is UTF-8 text, so a client's UTF-8 bytes appear as they came. */
    @Test
    void common_writesTheClientsBytesOfFieldValues() {
        HttpFields headers = new HttpFields();
        headers.add("User-Agent", "J\u00c3\u00bcrgen/1.0"); // "Jürgen/1.0" as UTF-8 octets
        headers.add("X-Forwarded-For", "h\u00c3\u00b6st");
        CompletedExchange e = new CompletedExchange("web", "10.1.1.1", "GET", "/", "HTTP/1.1", "a", "", "", "",
                404, 0, 0, 1, "", headers);

        String line = lines(AccessLogSettings.Format.COMMON, e).getFirst();

        assertTrue(line.startsWith("h\u00f6st - - "), line);
        assertTrue(line.contains(" \"-\" \"J\u00fcrgen/1.0\" "), line);
    }

    @Test
    void json_writesTraefikFieldNames() {
        List<String> out = lines(AccessLogSettings.Format.JSON, forwarded(), unrouted());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("ClientAddr", "10.1.1.1:51234");
        expected.put("ClientHost", "203.0.113.7");
        expected.put("ClientPort", "51234");
        expected.put("ClientUsername", "-");
        expected.put("DownstreamContentSize", 1520L);
        expected.put("DownstreamStatus", 200L);
        expected.put("Duration", 1_234_567L);
        expected.put("OriginContentSize", 1520L);
        expected.put("OriginStatus", 200L);
        expected.put("RequestAddr", "shop.example:8000");
        expected.put("RequestContentSize", 12L);
        expected.put("RequestCount", 1L);
        expected.put("RequestHost", "shop.example");
        expected.put("RequestMethod", "GET");
        expected.put("RequestPath", "/cart?id=7");
        expected.put("RequestPort", "8000");
        expected.put("RequestProtocol", "HTTP/1.1");
        expected.put("RetryAttempts", 0L);
        expected.put("RouterName", "shop@kubernetescrd");
        expected.put("ServiceAddr", "10.0.0.1:80");
        expected.put("ServiceName", "shop-svc@kubernetescrd");
        expected.put("ServiceURL", "http://10.0.0.1:80");
        expected.put("StartLocal", "2024-05-01T10:00:00.498765433Z");
        expected.put("StartUTC", "2024-05-01T10:00:00.498765433Z");
        expected.put("entryPointName", "web");
        expected.put("level", "info");
        expected.put("msg", "");
        expected.put("time", "2024-05-01T10:00:00Z");
        Map<String, Object> first = JsonReader.object(out.get(0));
        assertEquals(expected, first);
        assertEquals(expected.keySet().stream().sorted().toList(), List.copyOf(first.keySet()), "keys sorted as logrus");

        Map<String, Object> second = JsonReader.object(out.get(1));
        assertEquals(404L, second.get("DownstreamStatus"));
        assertEquals(19L, second.get("DownstreamContentSize"));
        assertEquals(2L, second.get("RequestCount"));
        for (String absent : List.of("OriginStatus", "OriginContentSize", "RouterName", "ServiceName", "ServiceURL",
                "RequestHost")) {
            assertTrue(!second.containsKey(absent), absent + " absent: " + second);
        }
    }

    @Test
    void json_localTimesUseTheGivenZone() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLog log = new AccessLog(out, false, AccessLogSettings.Format.JSON, 4, CLOCK, ZoneId.of("+02:00"));
        log.completed(unrouted());
        log.close();
        Map<String, Object> line = JsonReader.object(out.toString(StandardCharsets.UTF_8).strip());
        assertEquals("2024-05-01T12:00:00.499988+02:00", line.get("StartLocal"));
        assertEquals("2024-05-01T10:00:00.499988Z", line.get("StartUTC"));
        assertEquals("2024-05-01T12:00:00+02:00", line.get("time"));
    }

    @ParameterizedTest(name = "{0} from {1}, forwarded={2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "''                        | 10.1.1.1 | true  | 10.1.1.1",
        "10.1.1.1                  | 10.1.1.1 | true  | 10.1.1.1",
        "203.0.113.7, 10.1.1.1     | 10.1.1.1 | true  | 203.0.113.7",
        "203.0.113.7, 9.9.9.9, 10.1.1.1 | 10.1.1.1 | true | 203.0.113.7, 9.9.9.9",
        "203.0.113.7               | 10.1.1.1 | false | 203.0.113.7",
    })
    void clientHost_isForwardedForAsTheEntryPointKeptIt(String xff, String peer, boolean forwarded, String expected) {
        HttpFields headers = new HttpFields();
        if (!xff.isEmpty()) {
            headers.add("X-Forwarded-For", xff);
        }
        CompletedExchange e = new CompletedExchange("web", peer, "GET", "/", "HTTP/1.1", "a", forwarded ? "r" : "",
                forwarded ? "s" : "", forwarded ? "http://b" : "", 200, 0, 0, 1, "", headers);
        assertEquals(expected, AccessLogFormat.clientHost(e));
    }

    @Test
    void fullQueue_dropsAndCountsWithoutBlockingTheRequest() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sink.write(b, off, len);
            }
        };
        AccessLog log = new AccessLog(slow, false, AccessLogSettings.Format.COMMON, 2, CLOCK, ZoneOffset.UTC);
        log.completed(unrouted());
        assertTrue(writing.await(5, TimeUnit.SECONDS), "writer picked up the first line");
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 4; i++) {
                log.completed(unrouted());
            }
        });
        assertEquals(2, log.dropped());
        release.countDown();
        log.close();
        assertEquals(3, log.written());
        assertEquals(3, sink.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void open_appendsToTheFileAndCreatesFolders() throws IOException {
        Path file = dir.resolve("a/b/access.log");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "earlier line\n");
        AccessLog log = AccessLog.open(AccessLogSettings.to(Optional.of(file), AccessLogSettings.Format.COMMON), CLOCK);
        log.completed(unrouted());
        log.close();
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals("earlier line", lines.get(0));
        assertTrue(lines.get(1).startsWith("127.0.0.1 - - ["), lines.get(1));
        log.completed(unrouted());
        assertEquals(1, log.dropped(), "a closed log drops");
    }

    @Test
    void format_parsesTraefikNames() {
        assertEquals(AccessLogSettings.Format.JSON, AccessLogSettings.Format.parse("json"));
        assertEquals(AccessLogSettings.Format.COMMON, AccessLogSettings.Format.parse("Common"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AccessLogSettings.Format.parse("xml"));
        assertEquals("access log format: 'xml' (expected: common or json)", e.getMessage());
    }
}
