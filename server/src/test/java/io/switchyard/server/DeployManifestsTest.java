package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1WeightedPodAffinityTerm;
import io.kubernetes.client.util.Yaml;
import io.switchyard.adapters.k8s.informer.WatchedResource;
import io.switchyard.adapters.k8s.manifest.ManifestLoader;
import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.domain.translate.Translation;
import io.switchyard.domain.translate.Translator;
import io.switchyard.server.http.EntryPointBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The manifests in {@code deploy/} against the code they deploy: every manifest loads with the
 * Kubernetes client's own models without losing a field, RBAC matches the informers, probes hit the
 * admin listener, the container's arguments and configuration file are accepted by {@link Main},
 * shutdown fits in the termination grace period, and both images launch exactly as
 * {@code bin/switchyard} does.
 */
final class DeployManifestsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    /** The admin listener's default port and paths (liveness, readiness). */
    private static final int ADMIN_PORT = 8080;
    private static final String LIVENESS = "/ping";
    private static final String READINESS = "/ready";
    private static final Set<String> READ = Set.of("get", "list", "watch");

    private static Map<String, Object> kustomization;
    /** Every object in the manifests kustomization lists, by kind. */
    private static final Map<String, List<Object>> objects = new LinkedHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        kustomization = yamlMap(DEPLOY.resolve("kustomization.yaml"));
        for (String resource : strings(kustomization.get("resources"))) {
            for (Object object : Yaml.loadAll(DEPLOY.resolve(resource).toFile())) {
                objects.computeIfAbsent(object.getClass().getSimpleName(), k -> new ArrayList<>()).add(object);
            }
        }
    }

    // ---- the manifests as a whole ----------------------------------------------------------------

    @Test
    void kustomization_listsEveryManifestInDeploy() throws IOException {
        Set<String> listed = new TreeSet<>(strings(kustomization.get("resources")));
        for (Map<String, Object> generator : maps(kustomization.get("configMapGenerator"))) {
            listed.addAll(strings(generator.get("files")));
        }
        Set<String> present;
        try (Stream<Path> files = Files.list(DEPLOY)) {
            present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, listed, "deploy/kustomization.yaml against the files in deploy/");
        assertEquals("switchyard", kustomization.get("namespace"));
    }

    @Test
    void everyManifest_loadsWithTheClientModels_andLosesNoField() throws IOException {
        List<Path> manifests = new ArrayList<>();
        strings(kustomization.get("resources")).forEach(r -> manifests.add(DEPLOY.resolve(r)));
        manifests.add(DEPLOY.resolve("examples/whoami.yaml"));
        int checked = 0;
        for (Path file : manifests) {
            List<Object> documents = toList(snakeYaml().loadAll(Files.readString(file)));
            for (Object document : documents) {
                @SuppressWarnings("unchecked")
                Map<String, Object> source = (Map<String, Object>) document;
                if (String.valueOf(source.get("apiVersion")).startsWith("traefik.io/")) {
                    continue; // no client model; TraefikCrdsTest validates these against the CRDs
                }
                // A field the model does not know (a typo such as readinesProbe) is dropped on
                // loading, so it shows up as a difference after the round trip.
                Object typed = Yaml.load(Yaml.dump(source));
                Object back = snakeYaml().load(Yaml.dump(typed));
                String lost = difference(normalized(source), normalized(back), "");
                assertEquals("", lost, file + ": " + source.get("kind") + " " + name(source)
                        + " loses or changes a field through the client's model");
                checked++;
            }
        }
        assertTrue(checked >= 10, "checked " + checked + " objects");
    }

    @Test
    void namespace_serviceAccountAndEveryNamespacedObject_areSwitchyards() {
        assertEquals("switchyard", only(V1Namespace.class).getMetadata().getName());
        assertEquals("switchyard", only(V1ServiceAccount.class).getMetadata().getNamespace());
        assertEquals("switchyard", deployment().getMetadata().getNamespace());
        assertEquals("switchyard", only(V1Service.class).getMetadata().getNamespace());
        assertEquals("switchyard", only(V1PodDisruptionBudget.class).getMetadata().getNamespace());
    }

    // ---- RBAC ---------------------------------------------------------------------------------------

    @Test
    void rbac_grantsGetListWatch_onExactlyTheWatchedResources() {
        Set<String> granted = new HashSet<>();
        for (V1PolicyRule rule : only(V1ClusterRole.class).getRules()) {
            assertEquals(READ, Set.copyOf(rule.getVerbs()), "verbs of " + rule);
            assertTrue(rule.getResourceNames() == null || rule.getResourceNames().isEmpty(), rule.toString());
            assertTrue(rule.getNonResourceURLs() == null || rule.getNonResourceURLs().isEmpty(), rule.toString());
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    granted.add(group.isEmpty() ? resource : resource + "." + group);
                }
            }
        }
        Set<String> watched = WatchedResource.ALL.stream().map(WatchedResource::qualifiedName)
                .collect(Collectors.toSet());
        assertEquals(watched, granted);
    }

    @Test
    void rbac_bindsTheRoleToTheServiceAccountThePodsRunAs() {
        V1ClusterRoleBinding binding = only(V1ClusterRoleBinding.class);
        assertEquals(only(V1ClusterRole.class).getMetadata().getName(), binding.getRoleRef().getName());
        V1ServiceAccount account = only(V1ServiceAccount.class);
        assertEquals(1, binding.getSubjects().size());
        assertEquals(account.getMetadata().getName(), binding.getSubjects().getFirst().getName());
        assertEquals(account.getMetadata().getNamespace(), binding.getSubjects().getFirst().getNamespace());
        assertEquals(account.getMetadata().getName(), pod().getServiceAccountName());
    }

    // ---- the pod ------------------------------------------------------------------------------------

    @Test
    void probes_pointAtTheAdminListener() {
        V1Container c = container();
        assertNotNull(c.getReadinessProbe(), "readiness probe");
        assertNotNull(c.getLivenessProbe(), "liveness probe");
        V1HTTPGetAction ready = c.getReadinessProbe().getHttpGet();
        V1HTTPGetAction live = c.getLivenessProbe().getHttpGet();
        assertEquals(READINESS, ready.getPath());
        assertEquals(LIVENESS, live.getPath());
        assertEquals(ADMIN_PORT, containerPort(ready.getPort()));
        assertEquals(ADMIN_PORT, containerPort(live.getPort()));
        // Liveness must not fail while a replica waits for discovery: /ping does not depend on it.
        assertTrue(c.getLivenessProbe().getFailureThreshold() * c.getLivenessProbe().getPeriodSeconds() >= 20);
    }

    @Test
    void containerArguments_andConfigurationFile_areAcceptedByMain() throws IOException {
        Main.RunSettings run = containerRunSettings(Map.of());
        Switchyard.Settings settings = run.settings();
        assertFalse(run.demo());
        assertEquals("kubernetes", settings.source());
        assertEquals(Map.of("web", 8000, "websecure", 8443), settings.entryPoints().stream()
                .collect(Collectors.toMap(EntryPointBinding::name, EntryPointBinding::port)));
        settings.entryPoints().forEach(ep -> assertEquals("0.0.0.0", ep.host(), ep + " must listen on the pod IP"));
        // Every entry point is a declared container port, and the Service reaches each by name.
        Map<String, Integer> declared = container().getPorts().stream()
                .collect(Collectors.toMap(V1ContainerPort::getName, V1ContainerPort::getContainerPort));
        settings.entryPoints().forEach(ep -> assertEquals(ep.port(), declared.get(ep.name()), ep.name()));
        Map<Integer, Integer> serviceToPod = new LinkedHashMap<>();
        for (V1ServicePort p : only(V1Service.class).getSpec().getPorts()) {
            serviceToPod.put(p.getPort(), containerPort(p.getTargetPort()));
        }
        assertEquals(Map.of(80, 8000, 443, 8443), serviceToPod);
        assertEquals("LoadBalancer", only(V1Service.class).getSpec().getType());
    }

    @Test
    void serviceLinks_areOff_becauseTheirVariablesWouldBeReadAsOptions() throws IOException {
        assertEquals(Boolean.FALSE, pod().getEnableServiceLinks());
        // What Kubernetes would inject for the Service named switchyard, were links on.
        String name = only(V1Service.class).getMetadata().getName().toUpperCase().replace('-', '_');
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> containerRunSettings(Map.of(name + "_SERVICE_HOST", "10.96.0.10")));
        assertTrue(e.getMessage().contains("--service-host"), e.getMessage());
    }

    @Test
    void terminationGracePeriod_coversPreStopSleepAndGracePeriod() throws IOException {
        long grace = containerRunSettings(Map.of()).settings().gracePeriod().toSeconds();
        List<String> preStop = container().getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("sleep", preStop.getFirst());
        long sleep = Long.parseLong(preStop.get(1));
        assertTrue(sleep >= 2, "preStop sleep " + sleep + "s: endpoints need a moment to deregister");
        long termination = pod().getTerminationGracePeriodSeconds();
        assertTrue(termination > sleep + grace, "terminationGracePeriodSeconds " + termination
                + " must exceed preStop " + sleep + "s + grace-period " + grace + "s");
    }

    @Test
    void pod_meetsTheRestrictedPodSecurityStandard() {
        V1PodSpec pod = pod();
        V1Container c = container();
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        assertEquals(65532L, pod.getSecurityContext().getRunAsUser());
        assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertTrue(c.getSecurityContext().getCapabilities().getAdd() == null
                || c.getSecurityContext().getCapabilities().getAdd().isEmpty());
        // A read-only root needs a writable /tmp (JVM perf data, temporary files).
        String tmpVolume = mount("/tmp").getName();
        assertNotNull(pod.getVolumes().stream().filter(v -> v.getName().equals(tmpVolume)).findFirst()
                .orElseThrow().getEmptyDir());
        // Listening ports need no NET_BIND_SERVICE.
        c.getPorts().forEach(p -> assertTrue(p.getContainerPort() > 1024, p.toString()));
        assertEquals("restricted", only(V1Namespace.class).getMetadata().getLabels()
                .get("pod-security.kubernetes.io/enforce"));
    }

    @Test
    void replicas_spreadOverNodes_andADisruptionLeavesOneServing() {
        V1Deployment d = deployment();
        assertTrue(d.getSpec().getReplicas() >= 2, "replicas");
        assertEquals(0, d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntValue());
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        V1WeightedPodAffinityTerm spread = pod().getAffinity().getPodAntiAffinity()
                .getPreferredDuringSchedulingIgnoredDuringExecution().getFirst();
        assertEquals("kubernetes.io/hostname", spread.getPodAffinityTerm().getTopologyKey());
        assertEquals(podLabels, spread.getPodAffinityTerm().getLabelSelector().getMatchLabels());
        V1PodDisruptionBudget pdb = only(V1PodDisruptionBudget.class);
        assertEquals(1, pdb.getSpec().getMinAvailable().getIntValue());
        assertEquals(podLabels, pdb.getSpec().getSelector().getMatchLabels());
        assertEquals(podLabels, only(V1Service.class).getSpec().getSelector());
        assertEquals(podLabels, d.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void resources_leaveRoomAboveTheHeapCap() {
        var resources = container().getResources();
        long heapCap = 128L << 20; // -Xmx128m, checked against the launcher below
        long request = resources.getRequests().get("memory").getNumber().longValue();
        long limit = resources.getLimits().get("memory").getNumber().longValue();
        assertTrue(request > heapCap, "memory request above the heap cap");
        assertTrue(limit >= request + (128L << 20), "memory limit leaves room for metaspace, threads, buffers");
        assertEquals(new Quantity("250m"), resources.getRequests().get("cpu"));
        assertTrue(launcherJvmFlags().contains("-Xmx128m"), launcherJvmFlags().toString());
    }

    @Test
    void launcher_runsOneReadPoller() {
        // several read pollers starve each other under load (docs/performance.md, "I/O pollers");
        // the image and the Jib build are held to the same flags by the tests above
        assertTrue(launcherJvmFlags().contains("-Djdk.readPollers=1"), launcherJvmFlags().toString());
    }

    // ---- the example ---------------------------------------------------------------------------------

    @Test
    void example_routesTheWhoamiHostToThePods_withTheStickyCookie() throws IOException {
        Path file = DEPLOY.resolve("examples/whoami.yaml");
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object o : toList(snakeYaml().loadAll(Files.readString(file)))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            docs.add(m);
        }
        // The EndpointSlice the cluster would create: Service port name, target port resolved
        // through the pods' named container port.
        V1Service service = (V1Service) Yaml.load(Yaml.dump(docs.stream()
                .filter(d -> "Service".equals(d.get("kind"))).findFirst().orElseThrow()));
        V1Deployment pods = (V1Deployment) Yaml.load(Yaml.dump(docs.stream()
                .filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow()));
        assertEquals(service.getSpec().getSelector(), pods.getSpec().getTemplate().getMetadata().getLabels());
        V1ServicePort port = service.getSpec().getPorts().getFirst();
        int targetPort = pods.getSpec().getTemplate().getSpec().getContainers().getFirst().getPorts().stream()
                .filter(p -> p.getName().equals(port.getTargetPort().getStrValue())).findFirst().orElseThrow()
                .getContainerPort();
        String slice = """
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: whoami-x7k2p
                  namespace: default
                  labels: {kubernetes.io/service-name: whoami}
                addressType: IPv4
                ports: [{name: %s, port: %d}]
                endpoints:
                  - addresses: [10.0.0.1]
                  - addresses: [10.0.0.2]
                """.formatted(port.getName(), targetPort);
        ClusterSnapshot snapshot = new ClusterSnapshot(
                ManifestLoader.parse(Files.readString(file) + slice, file.toString()));
        Translation translation = Translator.translate(snapshot, ProviderOptions.DEFAULTS);
        assertEquals(List.of(), translation.diagnostics());
        DynamicConfig config = translation.config();
        assertEquals(1, config.routers().size(), config.routers().toString());
        RouterConfig router = config.routers().values().iterator().next();
        assertEquals("Host(`whoami.localhost`)", router.rule());
        Set<String> entryPoints = containerRunSettings(Map.of()).settings().entryPoints().stream()
                .map(EntryPointBinding::name).collect(Collectors.toSet());
        assertTrue(entryPoints.containsAll(router.entryPoints()), router.entryPoints() + " served by " + entryPoints);
        LoadBalancerService lb = (LoadBalancerService) config.services().get(router.service());
        assertEquals(List.of("http://10.0.0.1:8080", "http://10.0.0.2:8080"),
                lb.servers().stream().map(ServerConfig::url).toList());
        assertEquals("whoami_affinity", lb.sticky().orElseThrow().name());
    }

    // ---- the images ---------------------------------------------------------------------------------

    @Test
    void jibImage_launchesLikeTheLauncher() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ROOT.resolve("server/pom.xml").toFile());
        Map<String, String> properties = new LinkedHashMap<>();
        for (Element p : children(first(pom.getDocumentElement(), "properties"))) {
            properties.put(p.getTagName(), p.getTextContent().strip());
        }
        assertEquals(Main.class.getName(), properties.get("switchyard.main.class"));
        Element jib = pluginOf(pom, "jib-maven-plugin");
        Element container = first(first(jib, "configuration"), "container");
        List<String> entrypoint = children(first(container, "entrypoint")).stream()
                .map(e -> interpolate(e.getTextContent(), properties)).toList();
        assertLaunchesLikeTheLauncher(entrypoint, "@/app/jib-classpath-file");
        assertEquals("eclipse-temurin:21-jre", first(first(first(jib, "configuration"), "from"), "image")
                .getTextContent().strip());
        assertEquals("65532:65532", first(container, "user").getTextContent().strip());
        assertEquals(Set.of(8000, 8443, ADMIN_PORT), children(first(container, "ports")).stream()
                .map(e -> Integer.parseInt(e.getTextContent().strip())).collect(Collectors.toSet()));
        // The jar's manifest names the same main class (bin/switchyard runs -jar).
        assertEquals("${switchyard.main.class}", first(first(first(pluginOf(pom, "maven-jar-plugin"),
                "configuration"), "archive"), "manifest").getElementsByTagName("mainClass").item(0)
                .getTextContent().strip());
    }

    @Test
    void dockerfile_launchesLikeTheLauncher() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("Dockerfile"));
        String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow()
                .substring("ENTRYPOINT ".length());
        @SuppressWarnings("unchecked")
        List<String> exec = (List<String>) snakeYaml().load(entrypoint); // exec form is a JSON array
        assertLaunchesLikeTheLauncher(exec, "/app/switchyard.jar");
        assertTrue(lines.contains("USER 65532:65532"), "USER");
        assertTrue(lines.contains("EXPOSE 8000 8443 " + ADMIN_PORT), "EXPOSE");
        assertTrue(lines.stream().anyMatch(l -> l.equals("FROM eclipse-temurin:21-jre")), "base image");
    }

    /** docs/deploy.md shows the images' command line: the launcher's flags, in its order. */
    @Test
    void deployGuide_showsTheLaunchersFlags() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/deploy.md"));
        Matcher m = Pattern.compile("```\n(java -XX[^`]*)\n```").matcher(guide);
        assertTrue(m.find(), "the java command line in docs/deploy.md");
        List<String> words = List.of(m.group(1).replace("\\\n", " ").strip().split("\\s+"));
        List<String> expected = new ArrayList<>(List.of("java"));
        expected.addAll(launcherJvmFlags());
        expected.addAll(List.of("$SWITCHYARD_JAVA_OPTS", "-cp", "…", Main.class.getName(), "ARGS"));
        assertEquals(expected, words);
    }

    @Test
    void deploymentUser_isTheImagesUser() {
        assertEquals(65532L, pod().getSecurityContext().getRunAsUser());
        assertEquals(65532L, pod().getSecurityContext().getRunAsGroup());
    }

    /**
     * {@code [/bin/sh, -c, "exec java FLAGS $SWITCHYARD_JAVA_OPTS -cp CP MAIN \"$@\"", switchyard]}
     * with bin/switchyard's FLAGS, in its order, and Main as the main class.
     */
    private static void assertLaunchesLikeTheLauncher(List<String> entrypoint, String classPath) throws IOException {
        assertEquals(4, entrypoint.size(), entrypoint.toString());
        assertEquals(List.of("/bin/sh", "-c"), entrypoint.subList(0, 2));
        assertEquals("switchyard", entrypoint.get(3), "$0 of the shell");
        List<String> words = List.of(entrypoint.get(2).strip().split("\\s+"));
        List<String> expected = new ArrayList<>(List.of("exec", "java"));
        expected.addAll(launcherJvmFlags());
        expected.addAll(List.of("$SWITCHYARD_JAVA_OPTS", "-cp", classPath, Main.class.getName(), "\"$@\""));
        assertEquals(expected, words);
    }

    /** The JVM flags bin/switchyard runs with ({@code jvm_flags=(...)}). */
    private static List<String> launcherJvmFlags() {
        String script;
        try {
            script = Files.readString(ROOT.resolve("bin/switchyard"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Matcher m = Pattern.compile("\njvm_flags=\\(([^)]*)\\)").matcher(script);
        assertTrue(m.find(), "bin/switchyard's jvm_flags line");
        assertTrue(script.contains("exec \"$JAVA_HOME/bin/java\" \"${jvm_flags[@]}\""), "the launcher runs with them");
        List<String> flags = Stream.of(m.group(1).replace("\\\n", " ").strip().split("\\s+")).toList();
        assertTrue(flags.stream().allMatch(f -> f.startsWith("-")), flags.toString());
        return flags;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /**
     * What {@code Main} makes of the container's arguments and environment, with the ConfigMap
     * mounted: {@code --config} is resolved through the volume mount to the file kustomize turns
     * into the ConfigMap.
     */
    private Main.RunSettings containerRunSettings(Map<String, String> extraEnv) throws IOException {
        List<String> args = new ArrayList<>(container().getArgs());
        assertEquals("run", args.getFirst());
        int config = args.indexOf("--config");
        assertTrue(config > 0, "the container reads its options from the ConfigMap: " + args);
        Path local = configFileBehind(args.get(config + 1));
        Path copy = Files.copy(local, dir.resolve("switchyard.yaml"));
        args.set(config + 1, copy.toString());
        Map<String, String> env = new LinkedHashMap<>();
        if (container().getEnv() != null) {
            container().getEnv().forEach(v -> env.put(v.getName(), Objects.requireNonNull(v.getValue(), v.getName())));
        }
        env.putAll(extraEnv);
        return Main.runSettings(Main.withConfiguration(args.subList(1, args.size()), env));
    }

    /** The file in deploy/ that the container sees at {@code path}. */
    private static Path configFileBehind(String path) {
        V1VolumeMount mount = container().getVolumeMounts().stream()
                .filter(m -> path.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(path + " is on no volume"));
        V1ConfigMapVolumeSource configMap = pod().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow().getConfigMap();
        assertNotNull(configMap, mount.getName() + " is a ConfigMap volume");
        String key = path.substring(mount.getMountPath().length() + 1);
        Map<String, Object> generator = maps(kustomization.get("configMapGenerator")).stream()
                .filter(g -> configMap.getName().equals(g.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no configMapGenerator " + configMap.getName()));
        assertTrue(strings(generator.get("files")).contains(key), key + " in " + generator);
        return DEPLOY.resolve(key);
    }

    private static V1VolumeMount mount(String path) {
        return container().getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
    }

    private static int containerPort(IntOrString port) {
        if (port.isInteger()) {
            return port.getIntValue();
        }
        return container().getPorts().stream().filter(p -> port.getStrValue().equals(p.getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no container port " + port.getStrValue()))
                .getContainerPort();
    }

    private static V1Deployment deployment() {
        return only(V1Deployment.class);
    }

    private static V1PodSpec pod() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    private static V1Container container() {
        List<V1Container> containers = pod().getContainers();
        assertEquals(1, containers.size());
        return containers.getFirst();
    }

    private static <T> T only(Class<T> type) {
        List<Object> found = objects.getOrDefault(type.getSimpleName(), List.of());
        assertEquals(1, found.size(), "one " + type.getSimpleName() + " in deploy/");
        return type.cast(found.getFirst());
    }

    private static org.yaml.snakeyaml.Yaml snakeYaml() {
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yamlMap(Path file) throws IOException {
        return (Map<String, Object>) snakeYaml().load(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static List<Object> toList(Iterable<Object> iterable) {
        List<Object> out = new ArrayList<>();
        iterable.forEach(o -> {
            if (o != null) {
                out.add(o);
            }
        });
        return out;
    }

    /**
     * Scalars as strings (a model may turn {@code 80} into an IntOrString), without empty maps and
     * lists (models create them for absent fields).
     */
    private static Object normalized(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.TreeMap<>();
            map.forEach((k, v) -> {
                Object value = normalized(v);
                if (!(value instanceof Map<?, ?> m && m.isEmpty()) && !(value instanceof List<?> l && l.isEmpty())) {
                    out.put(String.valueOf(k), value);
                }
            });
            return out;
        }
        if (node instanceof Collection<?> list) {
            return list.stream().map(DeployManifestsTest::normalized).toList();
        }
        return String.valueOf(node);
    }

    /** The path of the first difference between two normalized trees, or "" when equal. */
    private static String difference(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            for (Object key : e.keySet()) {
                String d = a.containsKey(key) ? difference(e.get(key), a.get(key), path + "." + key) : path + "." + key;
                if (!d.isEmpty()) {
                    return d;
                }
            }
            return a.keySet().stream().filter(k -> !e.containsKey(k)).map(k -> path + "." + k + " (added)")
                    .findFirst().orElse("");
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                String d = difference(e.get(i), a.get(i), path + "[" + i + "]");
                if (!d.isEmpty()) {
                    return d;
                }
            }
            return "";
        }
        return expected.equals(actual) ? "" : path + ": " + expected + " became " + actual;
    }

    private static String name(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "";
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static Element pluginOf(Document pom, String artifactId) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (artifactId.equals(first(plugin, "artifactId").getTextContent().strip())) {
                return plugin;
            }
        }
        return fail("no " + artifactId + " in server/pom.xml");
    }

    private static Element first(Element parent, String tag) {
        return children(parent).stream().filter(e -> e.getTagName().equals(tag)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + tag + "> in <" + parent.getTagName() + ">"));
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String interpolate(String text, Map<String, String> properties) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = properties.get(m.group(1));
            assertNotNull(value, "property " + m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
