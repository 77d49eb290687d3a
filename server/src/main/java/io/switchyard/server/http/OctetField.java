package io.switchyard.server.http;

import io.helidon.common.GenericType;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.mapper.MapperException;
import io.helidon.common.mapper.Value;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderValues;
import io.helidon.http.WritableHeaders;
import io.switchyard.domain.http.HttpTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A response field whose values hold obs-text, written to HTTP/1.1 clients byte for byte. Helidon's
 * own field types write values as US-ASCII, so every octet from 0x80 on (a UTF-8 file name in
 * {@code Content-Disposition}, a Latin-1 cookie) went out as {@code ?}; Go relays those bytes.
 * Values are octet strings ({@link io.switchyard.domain.http.HttpFields}); a character beyond
 * U+00FF, which no reader produces, is still written as {@code ?} and never as its low byte (U+010A
 * cut to one byte would be LF). Everything but the wire form is Helidon's own field for the same
 * values. HTTP/2 answers are encoded by Helidon's HPACK writer, which stays US-ASCII.
 */
final class OctetField implements Header {
    private final Header field;

    private OctetField(Header field) {
        this.field = field;
    }

    /**
     * Adds the field {@code name: value} to {@code out}: as Helidon's own field when neither it nor
     * an earlier value of that name holds obs-text, else as one octet field with all its values
     * (Helidon would turn an octet field back into one of its own when a value is added to it).
     */
    static void add(WritableHeaders<?> out, HeaderName name, String value) {
        Header earlier = out.contains(name) ? out.get(name) : null;
        if (!HttpTokens.hasObsText(value) && !(earlier instanceof OctetField)) {
            out.add(HeaderValues.create(name, value));
            return;
        }
        List<String> values;
        if (earlier == null) {
            values = List.of(value);
        } else {
            values = new ArrayList<>(earlier.allValues());
            values.add(value);
        }
        out.set(new OctetField(HeaderValues.create(name, values)));
    }

    @Override
    public byte[] valueBytes() {
        return field.get().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void writeHttp1Header(BufferData buffer) {
        byte[] name = field.headerName().nameBytes();
        for (String value : field.allValues()) {
            buffer.write(name);
            buffer.write(':');
            buffer.write(' ');
            buffer.write(value.getBytes(StandardCharsets.ISO_8859_1));
            buffer.write('\r');
            buffer.write('\n');
        }
    }

    @Override
    public String name() {
        return field.name();
    }

    @Override
    public HeaderName headerName() {
        return field.headerName();
    }

    @Override
    public String get() {
        return field.get();
    }

    @Override
    public List<String> allValues() {
        return field.allValues();
    }

    @Override
    public int valueCount() {
        return field.valueCount();
    }

    @Override
    public boolean sensitive() {
        return field.sensitive();
    }

    @Override
    public boolean changing() {
        return field.changing();
    }

    @Override
    public <N> Value<N> as(Class<N> type) throws MapperException {
        return field.as(type);
    }

    @Override
    public <N> Value<N> as(GenericType<N> type) throws MapperException {
        return field.as(type);
    }

    @Override
    public <N> Value<N> as(Function<? super String, ? extends N> mapper) {
        return field.as(mapper);
    }

    @Override
    public Optional<String> asOptional() throws MapperException {
        return field.asOptional();
    }

    @Override
    public Value<Boolean> asBoolean() {
        return field.asBoolean();
    }

    @Override
    public Value<String> asString() {
        return field.asString();
    }

    @Override
    public Value<Integer> asInt() {
        return field.asInt();
    }

    @Override
    public Value<Long> asLong() {
        return field.asLong();
    }

    @Override
    public Value<Double> asDouble() {
        return field.asDouble();
    }

    @Override
    public String toString() {
        return field.toString();
    }
}
