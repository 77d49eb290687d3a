/**
 * The Switchyard server: composition root ({@link io.switchyard.server.Switchyard}), command line
 * ({@link io.switchyard.server.Main}), the Helidon data plane listeners and the demo.
 */
package io.switchyard.server;
