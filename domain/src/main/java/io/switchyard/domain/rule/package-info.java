/**
 * The router rule language (Traefik v3): parsing, matching and the compiled route table that picks
 * a router for a request (spec: rules.md).
 */
package io.switchyard.domain.rule;
