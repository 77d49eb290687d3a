package io.switchyard.server.http;

import io.helidon.common.buffers.LazyString;
import io.helidon.http.Header;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a request field value as an HTTP/1.1 client sent them. Helidon's parser keeps a
 * field's first value as the bytes of its line and decodes them as US-ASCII, so every octet from
 * 0x80 on (a UTF-8 cookie, a Latin-1 name) becomes U+FFFD and is lost to the string. Go relays
 * such obs-text to the backend as it came, and so does Switchyard: the value is read again from
 * those bytes, one char per octet ({@link io.switchyard.domain.http.HttpFields}).
 *
 * <p>Helidon has no API for the bytes, so this reads two private fields by reflection (Helidon 4.5:
 * {@code HeaderValueLazy.value}, {@code LazyString.buffer/offset/length}); the buffer is a copy
 * made for the read that brought the line and never written again. Only values with a U+FFFD
 * come here. When the lookups fail (another Helidon layout, or Helidon on the module path) they
 * fail once, at class load, and {@link #firstValue} answers {@code null}: the caller then forwards
 * what Helidon decoded, each lost byte as U+FFFD's UTF-8. Later values of a repeated field were
 * decoded before Switchyard sees them and go the same way. {@code ObsTextFieldsTest} sends such
 * fields end to end.
 */
final class RequestFieldBytes {
    private static final System.Logger LOG = System.getLogger(RequestFieldBytes.class.getName());
    private static final Class<?> LAZY_FIELD;
    private static final VarHandle LAZY_VALUE;
    private static final VarHandle BUFFER;
    private static final VarHandle OFFSET;
    private static final VarHandle LENGTH;

    static {
        Class<?> field = null;
        VarHandle value = null;
        VarHandle buffer = null;
        VarHandle offset = null;
        VarHandle length = null;
        try {
            field = Class.forName("io.helidon.http.HeaderValueLazy");
            value = MethodHandles.privateLookupIn(field, MethodHandles.lookup())
                    .findVarHandle(field, "value", LazyString.class);
            MethodHandles.Lookup lazy = MethodHandles.privateLookupIn(LazyString.class, MethodHandles.lookup());
            buffer = lazy.findVarHandle(LazyString.class, "buffer", byte[].class);
            offset = lazy.findVarHandle(LazyString.class, "offset", int.class);
            length = lazy.findVarHandle(LazyString.class, "length", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            field = null;
            value = null;
            LOG.log(System.Logger.Level.WARNING, "request field bytes beyond ASCII cannot be read from Helidon"
                    + " (" + e + "); such bytes are forwarded as U+FFFD");
        }
        LAZY_FIELD = field;
        LAZY_VALUE = value;
        BUFFER = buffer;
        OFFSET = offset;
        LENGTH = length;
    }

    private RequestFieldBytes() {
    }

    /**
     * The first value of {@code field} as the octets the client sent, without the optional
     * whitespace around it; {@code null} when Helidon did not keep them.
     */
    static String firstValue(Header field) {
        if (LAZY_VALUE == null || field.getClass() != LAZY_FIELD) {
            return null;
        }
        LazyString lazy = (LazyString) LAZY_VALUE.get(field);
        byte[] bytes = (byte[]) BUFFER.get(lazy);
        return new LazyString(bytes, (int) OFFSET.get(lazy), (int) LENGTH.get(lazy), StandardCharsets.ISO_8859_1)
                .stripOws();
    }
}
