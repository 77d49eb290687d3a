/**
 * Command-line commands that do not need the data plane, such as {@code translate}. Kept free of
 * Helidon so they start fast.
 */
package io.switchyard.server.cli;
