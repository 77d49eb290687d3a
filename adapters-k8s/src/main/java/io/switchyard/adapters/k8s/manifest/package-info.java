/**
 * The manifest-folder discovery source: YAML files mapped into cluster records
 * ({@link io.switchyard.adapters.k8s.manifest.ManifestLoader}), a polled folder
 * ({@link io.switchyard.adapters.k8s.manifest.ManifestDirectorySource}) and its provider named
 * {@code manifests}. The same mapping reads objects from an API server
 * ({@link io.switchyard.adapters.k8s.manifest.ManifestLoader#fromTree}). Uses snakeyaml only, no
 * Kubernetes client classes, so the {@code translate} command stays light.
 */
package io.switchyard.adapters.k8s.manifest;
