package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchyard.server.admin.AccessLogSettings;
import io.switchyard.server.admin.Operations;
import io.switchyard.server.http.EntryPointBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code run} options for the admin listener and the access log. */
final class MainOperationsOptionsTest {
    private static Operations.Settings parse(String... extra) {
        List<String> args = new ArrayList<>(List.of("--manifests", "/tmp/none"));
        args.addAll(List.of(extra));
        return Main.runSettings(args).settings().operations();
    }

    @Test
    void defaults_adminOn8080_noAccessLog() {
        Operations.Settings s = parse();
        assertEquals(Optional.of(new EntryPointBinding.HostPort("0.0.0.0", 8080)), s.admin());
        assertEquals(AccessLogSettings.OFF, s.accessLog());
    }

    @Test
    void admin_addressOrNone() {
        assertEquals(Optional.of(new EntryPointBinding.HostPort("127.0.0.1", 9000)),
                parse("--admin", "127.0.0.1:9000").admin());
        assertEquals(Optional.of(new EntryPointBinding.HostPort("0.0.0.0", 9001)), parse("--admin", ":9001").admin());
        assertEquals(Optional.empty(), parse("--no-admin").admin());
    }

    @Test
    void accessLog_toStandardOutputOrFile_inEitherFormat() {
        assertEquals(AccessLogSettings.to(Optional.empty(), AccessLogSettings.Format.COMMON),
                parse("--access-log").accessLog());
        assertEquals(AccessLogSettings.to(Optional.of(Path.of("/var/log/sy.log")), AccessLogSettings.Format.JSON),
                parse("--access-log=/var/log/sy.log", "--access-log-format=json").accessLog());
        assertEquals(AccessLogSettings.to(Optional.empty(), AccessLogSettings.Format.JSON),
                parse("--access-log-format", "json", "--access-log").accessLog());
    }

    @Test
    void badValues_areRejectedWithTheReason() {
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> parse("--access-log-format=xml"));
        assertEquals("access log format: 'xml' (expected: common or json)", format.getMessage());
        IllegalArgumentException admin = assertThrows(IllegalArgumentException.class, () -> parse("--admin", "9000"));
        assertEquals("address: '9000' (expected: [HOST]:PORT)", admin.getMessage());
    }
}
