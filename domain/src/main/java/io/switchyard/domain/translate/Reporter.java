package io.switchyard.domain.translate;

/** Where building code reports a warning about the object it is working on. */
@FunctionalInterface
interface Reporter {
    /** Reports a warning in plain words. */
    void warn(String message);

    /** A reporter that drops everything (for the stand-alone building blocks). */
    Reporter SILENT = message -> { };
}
