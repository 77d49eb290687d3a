package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.server.http.EntryPointBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {
    @TempDir
    Path dir;

    private List<EntryPointBinding> entryPoints(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--manifests", dir.toString()));
        all.addAll(List.of(args));
        return Main.runSettings(all).settings().entryPoints();
    }

    @Test
    void runSettings_entryPointOptions_reachTheBindings() {
        List<EntryPointBinding> eps = entryPoints("--entrypoint", "web=:8000", "--entrypoint", "websecure=127.0.0.1:8443",
                "--trusted-ips", "web=10.0.0.0/8,192.168.1.7", "--trusted-ips", "web=fd00::/8",
                "--forwarded-insecure", "websecure", "--entrypoint-tls", "websecure=/etc/tls/crt.pem,/etc/tls/key.pem");
        EntryPointBinding web = eps.get(0);
        assertEquals(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"), web.settings().trustedIPs());
        assertFalse(web.settings().insecure());
        assertEquals(Optional.empty(), web.tls());
        EntryPointBinding secure = eps.get(1);
        assertTrue(secure.settings().insecure());
        assertTrue(secure.settings().sanitizePath());
        assertEquals(Optional.of(new EntryPointBinding.Tls(Path.of("/etc/tls/crt.pem"), Path.of("/etc/tls/key.pem"))),
                secure.tls());
    }

    @Test
    void runSettings_defaultEntryPoint_canBeConfigured() {
        List<EntryPointBinding> eps = entryPoints("--trusted-ips", "web=127.0.0.1");
        assertEquals(1, eps.size());
        assertEquals(List.of("127.0.0.1"), eps.get(0).settings().trustedIPs());
    }

    @Test
    void runSettings_optionForUndeclaredEntryPoint_isRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> entryPoints("--entrypoint", "web=:8000", "--forwarded-insecure", "websecure"));
        assertEquals("entry point 'websecure' is not declared (declared: web)", e.getMessage());
    }

    @Test
    void runSettings_malformedOptionValues_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> entryPoints("--trusted-ips", "web=10.0.0.0/99"));
        assertThrows(IllegalArgumentException.class, () -> entryPoints("--trusted-ips", "10.0.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> entryPoints("--entrypoint-tls", "web=only-a-cert.pem"));
    }
}
