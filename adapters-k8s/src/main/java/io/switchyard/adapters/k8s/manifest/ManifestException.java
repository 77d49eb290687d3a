package io.switchyard.adapters.k8s.manifest;

import java.util.Objects;

/**
 * A manifest that cannot be read: YAML syntax, or a field of the wrong shape. The message names the
 * file and the 1-based line, e.g. {@code routes.yaml:12: spec.routes[0].services[1].port: expected a number or a name};
 * an object read from an API server has no line, so its message is {@code IngressRoute default/web: spec.routes: expected a list}.
 */
public final class ManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /** A problem at {@code file:line}; a line of 0 means "no line" and is left out of the message. */
    public ManifestException(String file, int line, String problem) {
        super(Objects.requireNonNull(file, "file") + (line > 0 ? ":" + line : "") + ": "
                + Objects.requireNonNull(problem, "problem"));
        this.file = file;
        this.line = line;
    }

    /** The file as it was named to the loader. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, 0 when the source has no lines. */
    public int line() {
        return line;
    }
}
