/** The Helidon WebServer side of the data plane: listeners per entry point and the request bridge. */
package io.switchyard.server.http;
