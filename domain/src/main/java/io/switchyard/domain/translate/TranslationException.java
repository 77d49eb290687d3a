package io.switchyard.domain.translate;

/**
 * A reference or a value translation cannot use; the message says why in plain words. Thrown by the
 * building blocks of {@link Translator}; {@link Translator#translate} turns it into a
 * {@link Diagnostic} instead.
 */
public final class TranslationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with this message. */
    public TranslationException(String message) {
        super(message);
    }
}
