/** The embedded demo: two tiny whoami-style backends and the manifests that route to them. */
package io.switchyard.server.demo;
