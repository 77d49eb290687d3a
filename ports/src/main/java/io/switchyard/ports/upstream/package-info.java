/** The upstream port: forward one request to one server and stream the answer back. */
package io.switchyard.ports.upstream;
