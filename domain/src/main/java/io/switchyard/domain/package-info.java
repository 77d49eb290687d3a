/**
 * Switchyard's pure domain: what Traefik's CRD provider and data plane mean, as plain Java.
 *
 * <p>Depends on the JDK only, so linters, dry-run checkers and other proxies can reuse it. The
 * sub-packages are the concepts: {@code cluster} (the objects read from Kubernetes),
 * {@code config} (the dynamic configuration they translate into), {@code translate},
 * {@code rule} (the router rule language), {@code balance} and {@code sticky} (server
 * selection), {@code http} (a small HTTP vocabulary shared by the ports).
 */
package io.switchyard.domain;
