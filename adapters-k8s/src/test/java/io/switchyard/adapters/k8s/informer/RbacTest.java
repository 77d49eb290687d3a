package io.switchyard.adapters.k8s.informer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code deploy/rbac.yaml} against the informers: every watched resource is granted exactly get,
 * list and watch, and nothing else is granted.
 */
final class RbacTest {
    private static final Path RBAC = Path.of("..", "deploy", "rbac.yaml");
    private static final Set<String> READ = Set.of("get", "list", "watch");

    private static List<Map<String, Object>> documents;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        documents = new ArrayList<>();
        for (Object document : yaml.loadAll(Files.readString(RBAC, StandardCharsets.UTF_8))) {
            documents.add((Map<String, Object>) document);
        }
    }

    private static Map<String, Object> only(String kind) {
        List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertEquals(1, found.size(), "one " + kind + " in " + RBAC);
        return found.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() {
        return (List<Map<String, Object>>) only("ClusterRole").get("rules");
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? List.of() : (List<String>) value;
    }

    @Test
    void everyWatchedResource_isGrantedGetListWatch() {
        for (WatchedResource resource : WatchedResource.ALL) {
            boolean granted = rules().stream().anyMatch(rule -> strings(rule, "apiGroups").contains(resource.group())
                    && strings(rule, "resources").contains(resource.resource())
                    && Set.copyOf(strings(rule, "verbs")).containsAll(READ));
            if (!granted) {
                fail(RBAC + " lacks get, list, watch on " + resource.qualifiedName()
                        + ", which an informer watches");
            }
        }
    }

    @Test
    void nothingElse_isGranted() {
        for (Map<String, Object> rule : rules()) {
            assertEquals(READ, Set.copyOf(strings(rule, "verbs")), "verbs of " + rule);
            assertFalse(rule.containsKey("resourceNames") || rule.containsKey("nonResourceURLs"), rule.toString());
            for (String group : strings(rule, "apiGroups")) {
                for (String resource : strings(rule, "resources")) {
                    assertTrue(WatchedResource.ALL.stream().anyMatch(r -> r.group().equals(group)
                            && r.resource().equals(resource)), group + "/" + resource + " is not watched");
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void binding_givesTheRoleToTheServiceAccountInNamespaceSwitchyard() {
        Map<String, Object> account = (Map<String, Object>) only("ServiceAccount").get("metadata");
        assertEquals("switchyard", account.get("namespace"));
        Map<String, Object> role = (Map<String, Object>) only("ClusterRole").get("metadata");
        Map<String, Object> binding = only("ClusterRoleBinding");
        Map<String, Object> roleRef = (Map<String, Object>) binding.get("roleRef");
        assertEquals("ClusterRole", roleRef.get("kind"));
        assertEquals(role.get("name"), roleRef.get("name"));
        List<Map<String, Object>> subjects = (List<Map<String, Object>>) binding.get("subjects");
        assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", account.get("name"), "namespace", "switchyard")),
                subjects);
    }
}
