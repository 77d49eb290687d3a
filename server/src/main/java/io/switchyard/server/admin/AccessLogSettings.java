package io.switchyard.server.admin;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and where to write the access log ({@code --access-log[=FILE]},
 * {@code --access-log-format=common|json}).
 *
 * @param enabled    whether to log at all (off by default, as in Traefik)
 * @param file       the file to append to; standard output when empty
 * @param format     Traefik's common log format or its JSON fields
 * @param bufferSize how many lines may wait for the writer; more are dropped and counted
 */
public record AccessLogSettings(boolean enabled, Optional<Path> file, Format format, int bufferSize) {
    /** Lines that may wait for the writer by default. */
    public static final int DEFAULT_BUFFER = 16_384;

    /** No access log. */
    public static final AccessLogSettings OFF = new AccessLogSettings(false, Optional.empty(), Format.COMMON,
            DEFAULT_BUFFER);

    public AccessLogSettings {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize: " + bufferSize + " (expected: >= 1)");
        }
    }

    /** An enabled access log to {@code file} (standard output when empty) in {@code format}. */
    public static AccessLogSettings to(Optional<Path> file, Format format) {
        return new AccessLogSettings(true, file, format, DEFAULT_BUFFER);
    }

    /** Line formats, named as in Traefik's {@code accessLog.format}. */
    public enum Format {
        /** Traefik's extended Common Log Format. */
        COMMON,
        /** One JSON object per line with Traefik's field names. */
        JSON;

        /** Parses {@code common} or {@code json}. */
        public static Format parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "common" -> COMMON;
                case "json" -> JSON;
                default -> throw new IllegalArgumentException("access log format: '" + text
                        + "' (expected: common or json)");
            };
        }
    }
}
