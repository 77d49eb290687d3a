package io.switchyard.adapters.http.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldNamesTest {

    private static String read(String line, String name) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        int from = line.indexOf(name);
        return FieldNames.of(b, from, from + name.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Date", "Content-Type", "Content-Length", "Transfer-Encoding", "Set-Cookie", "ETag"})
    void commonName_usualSpelling_isTheSharedConstant(String name) {
        assertSame(name.intern(), read("xx" + name + ": v", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"content-type", "CONTENT-LENGTH", "Etag", "Dat", "Content-Typ", "X-Request-Id",
            "Content-Type-Options", "A-Name-Longer-Than-Thirty-Two-Characters"})
    void otherSpelling_isReadAsSent(String name) {
        String got = read("xx" + name + ": v", name);
        assertEquals(name, got);
        assertNotSame(name, got);
    }
}
