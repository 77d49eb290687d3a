/**
 * Translation: a {@link io.switchyard.domain.cluster.ClusterSnapshot} and
 * {@link io.switchyard.domain.translate.ProviderOptions} in, a
 * {@link io.switchyard.domain.config.DynamicConfig} and {@link io.switchyard.domain.translate.Diagnostic}s
 * out, following Traefik's {@code kubernetescrd} provider rule for rule (spec: translation.md). Entry
 * point: {@link io.switchyard.domain.translate.Translator}.
 */
package io.switchyard.domain.translate;
