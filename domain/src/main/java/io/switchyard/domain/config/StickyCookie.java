package io.switchyard.domain.config;

import java.util.Objects;

/**
 * Sticky cookie settings (spec: translation.md §1.9.4, balancing.md §2.4).
 *
 * @param name     configured name; empty means "derive from the qualified service name"
 * @param secure   add {@code Secure}
 * @param httpOnly add {@code HttpOnly}
 * @param sameSite {@code none}, {@code lax}, {@code strict} (any case) or anything else for none
 * @param maxAge   seconds; 0 is a session cookie, negative expires it
 * @param path     cookie path; translation defaults it to {@code /}; empty omits the attribute
 * @param domain   cookie domain; empty omits the attribute
 */
public record StickyCookie(String name, boolean secure, boolean httpOnly, String sameSite, int maxAge,
                           String path, String domain) {
    public StickyCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sameSite, "sameSite");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(domain, "domain");
    }

    /** A cookie with a derived name, path {@code /} and no other attribute. */
    public static StickyCookie defaults() {
        return new StickyCookie("", false, false, "", 0, "/", "");
    }
}
