package io.switchyard.adapters.k8s.informer;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.switchyard.adapters.k8s.manifest.ManifestException;
import io.switchyard.adapters.k8s.manifest.ManifestLoader;
import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.KubeObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds snapshots from the informers' caches with the shared manifest mapping. An object is mapped
 * once per resourceVersion (resyncs and re-lists reuse the result), so a malformed object is
 * reported once per version and then skipped on its own. Objects are ordered by resource (in
 * {@link WatchedResource#ALL} order), then namespace, then name, so equal cluster states give equal
 * snapshots. Used from one thread only.
 */
final class SnapshotAssembler {
    private record Key(int resource, String namespace, String name) {
    }

    private record Mapped(String resourceVersion, List<KubeObject> objects) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparingInt(Key::resource)
            .thenComparing(Key::namespace).thenComparing(Key::name);

    private final Consumer<String> problems;
    private Map<Key, Mapped> mapped = new HashMap<>();

    /** @param problems receives one line per malformed object version */
    SnapshotAssembler(Consumer<String> problems) {
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    ClusterSnapshot assemble(List<ResourceWatch> watches) {
        Map<Key, Mapped> next = new HashMap<>();
        for (ResourceWatch watch : watches) {
            int index = WatchedResource.ALL.indexOf(watch.resource());
            for (DynamicKubernetesObject object : watch.objects()) {
                JsonObject raw = object.getRaw();
                JsonObject metadata = raw.has("metadata") && raw.get("metadata").isJsonObject()
                        ? raw.getAsJsonObject("metadata") : new JsonObject();
                Key key = new Key(index, text(metadata, "namespace"), text(metadata, "name"));
                String version = text(metadata, "resourceVersion");
                Mapped known = mapped.get(key);
                if (known == null || version.isEmpty() || !known.resourceVersion().equals(version)) {
                    known = map(watch.resource(), key, version, raw);
                }
                next.put(key, known);
            }
        }
        mapped = next;
        List<KubeObject> objects = new ArrayList<>(next.size());
        next.keySet().stream().sorted(ORDER).forEach(k -> objects.addAll(next.get(k).objects()));
        return new ClusterSnapshot(objects);
    }

    private Mapped map(WatchedResource resource, Key key, String version, JsonObject raw) {
        String name = resource.kind() + " " + (key.namespace().isEmpty() ? key.name()
                : key.namespace() + "/" + key.name());
        try {
            Map<String, Object> tree = JsonTrees.object(raw);
            // LIST items of built-in kinds come without apiVersion and kind; we know what we watched.
            tree.put("apiVersion", resource.apiVersion());
            tree.put("kind", resource.kind());
            return new Mapped(version, ManifestLoader.fromTree(tree, name));
        } catch (ManifestException e) {
            problems.accept("skipping " + e.getMessage() + " (resourceVersion " + version
                    + "); the other objects are used");
        } catch (RuntimeException e) {
            problems.accept("skipping " + name + ": " + e.getMessage() + " (resourceVersion " + version
                    + "); the other objects are used");
        }
        return new Mapped(version, List.of());
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
    }
}
