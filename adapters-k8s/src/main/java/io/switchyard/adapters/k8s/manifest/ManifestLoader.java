package io.switchyard.adapters.k8s.manifest;

import io.switchyard.domain.cluster.ConfigMap;
import io.switchyard.domain.cluster.EndpointSlice;
import io.switchyard.domain.cluster.IngressRoute;
import io.switchyard.domain.cluster.KubeObject;
import io.switchyard.domain.cluster.Middleware;
import io.switchyard.domain.cluster.Node;
import io.switchyard.domain.cluster.ObjectMeta;
import io.switchyard.domain.cluster.ObjectRef;
import io.switchyard.domain.cluster.PortRef;
import io.switchyard.domain.cluster.Secret;
import io.switchyard.domain.cluster.ServersTransport;
import io.switchyard.domain.cluster.Service;
import io.switchyard.domain.cluster.ServiceReference;
import io.switchyard.domain.cluster.TLSOption;
import io.switchyard.domain.cluster.TraefikService;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads Kubernetes manifests (multi-document YAML, {@code ---} separated; {@code kind: List} is
 * unpacked) into cluster records: Traefik's IngressRoute, TraefikService, ServersTransport,
 * Middleware and TLSOption ({@code traefik.io} or {@code traefik.containo.us}), and core Service,
 * EndpointSlice, Node, Secret, ConfigMap. Other kinds are skipped (logged at debug). A namespaced
 * object without a namespace lands in {@code default}, as with {@code kubectl apply}.
 *
 * <p>A malformed document fails the whole file with a {@link ManifestException} naming file and line.
 * A port written {@code "80"} (quoted) stays a port <em>name</em>, as in Kubernetes.
 *
 * <p>This is the one mapping from Kubernetes shapes to records: the informer source feeds objects
 * read from the API server through {@link #fromTree}.
 */
public final class ManifestLoader {
    private static final System.Logger LOG = System.getLogger(ManifestLoader.class.getName());
    private static final Set<String> TRAEFIK_GROUPS = Set.of("traefik.io", "traefik.containo.us");

    private ManifestLoader() {
    }

    /** Reads one file. */
    public static List<KubeObject> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ManifestException(file.toString(), 1, "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses manifest text.
     *
     * @param text the YAML
     * @param file the name used in error messages
     */
    public static List<KubeObject> parse(String text, String file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(64 * 1024 * 1024);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<KubeObject> objects = new ArrayList<>();
        try {
            for (org.yaml.snakeyaml.nodes.Node document : yaml.composeAll(new java.io.StringReader(text))) {
                if (document == null) {
                    continue;
                }
                Field root = new Field(file, "", document);
                if (root.isNull()) {
                    continue;
                }
                if (!root.isMapping()) {
                    throw root.error("expected a Kubernetes object (a mapping with apiVersion and kind)");
                }
                object(root, objects);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ManifestException(file, line, "YAML syntax: " + problem);
        } catch (YAMLException e) {
            throw new ManifestException(file, 1, "YAML: " + e.getMessage());
        }
        return objects;
    }

    /**
     * Maps one object already decoded into a plain tree — {@code Map<String, ?>} for objects,
     * {@code List<?>} for arrays, {@code String}, {@code Boolean}, {@code Long}/{@code Integer}/
     * {@code BigInteger} for whole numbers, other {@code Number}s for fractions, {@code null} — with
     * the same rules as {@link #parse}: this is how objects read from an API server (JSON) reach the
     * same mapping as manifests. A number stays a number and a string a string, so a port written
     * {@code "80"} is still a port name.
     *
     * @param object the object's fields ({@code apiVersion}, {@code kind}, {@code metadata}, ...)
     * @param source what to call the object in error messages, e.g. {@code IngressRoute default/web}
     * @return the record, or nothing when the kind is not one Switchyard reads; a {@code List} kind
     *         yields its items
     * @throws ManifestException when a field has the wrong shape; the message names source and
     *         field path (no line: a tree has none)
     */
    public static List<KubeObject> fromTree(Map<String, ?> object, String source) {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(source, "source");
        List<KubeObject> out = new ArrayList<>();
        object(new Field(source, "", TreeNodes.node(object, source)), out);
        return out;
    }

    private static void object(Field root, List<KubeObject> out) {
        String kind = root.string("kind");
        String apiVersion = root.string("apiVersion");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        if (kind.equals("List")) {
            for (Field item : root.list("items", f -> f)) {
                object(item, out);
            }
            return;
        }
        boolean traefik = TRAEFIK_GROUPS.contains(group);
        KubeObject object = switch (kind) {
            case "IngressRoute" -> traefik ? ingressRoute(root) : null;
            case "TraefikService" -> traefik ? traefikService(root) : null;
            case "ServersTransport" -> traefik ? serversTransport(root) : null;
            case "Middleware" -> traefik ? middleware(root) : null;
            case "TLSOption" -> traefik ? new TLSOption(metadata(root, true)) : null;
            case "Service" -> group.isEmpty() ? service(root) : null;
            case "EndpointSlice" -> group.equals("discovery.k8s.io") ? endpointSlice(root) : null;
            case "Node" -> group.isEmpty() ? node(root) : null;
            case "Secret" -> group.isEmpty() ? secret(root) : null;
            case "ConfigMap" -> group.isEmpty() ? configMap(root) : null;
            default -> null;
        };
        if (object == null) {
            if (kind.isEmpty()) {
                throw root.error("missing kind");
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "ignoring " + apiVersion + " " + kind + " at line " + root.line());
            return;
        }
        out.add(object);
    }

    private static ObjectMeta metadata(Field root, boolean namespaced) {
        Optional<Field> meta = root.get("metadata");
        if (meta.isEmpty()) {
            throw root.error("missing metadata");
        }
        Field m = meta.get();
        String name = m.string("name");
        String generateName = m.string("generateName");
        if (name.isEmpty() && generateName.isEmpty()) {
            throw m.error("missing name");
        }
        String namespace = namespaced ? m.optionalString("namespace").filter(s -> !s.isEmpty()).orElse("default") : "";
        Optional<Instant> created = m.get("creationTimestamp").map(ManifestLoader::timestamp);
        return new ObjectMeta(name, generateName, namespace, m.stringMap("labels"), m.stringMap("annotations"),
                created);
    }

    private static Instant timestamp(Field f) {
        try {
            return OffsetDateTime.parse(f.text().replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            throw f.error("expected an RFC 3339 timestamp, got \"" + f.text() + "\"");
        }
    }

    private static Field spec(Field root) {
        return root.get("spec").orElseGet(() -> emptyMapping(root));
    }

    private static Field emptyMapping(Field root) {
        return new Field("", root.path(), new org.yaml.snakeyaml.nodes.MappingNode(
                org.yaml.snakeyaml.nodes.Tag.MAP, List.of(), org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK));
    }

    // ---- Traefik resources -------------------------------------------------------------------

    private static IngressRoute ingressRoute(Field root) {
        ObjectMeta meta = metadata(root, true);
        Field spec = spec(root);
        List<IngressRoute.Route> routes = spec.list("routes", r -> new IngressRoute.Route(
                r.string("match"),
                r.string("kind"),
                r.get("priority").map(Field::longValue).orElse(0L),
                r.string("syntax"),
                r.list("services", ManifestLoader::serviceReference),
                r.list("middlewares", ManifestLoader::objectRef),
                r.get("observability").map(o -> new IngressRoute.Observability(o.optionalBool("accessLogs"),
                        o.optionalBool("metrics"), o.optionalBool("tracing"), o.string("traceVerbosity")))));
        Optional<IngressRoute.Tls> tls = spec.get("tls").map(t -> new IngressRoute.Tls(
                t.string("secretName"),
                t.get("options").map(ManifestLoader::objectRef),
                t.get("store").map(ManifestLoader::objectRef),
                t.string("certResolver"),
                t.list("domains", d -> new IngressRoute.Domain(d.string("main"), d.strings("sans")))));
        return new IngressRoute(meta, spec.strings("entryPoints"), spec.optionalString("ingressClassName"), routes,
                tls, spec.list("parentRefs", ManifestLoader::objectRef));
    }

    private static ObjectRef objectRef(Field f) {
        return new ObjectRef(f.string("name"), f.string("namespace"));
    }

    private static PortRef port(Field f) {
        if (f.isInteger()) {
            return PortRef.of(f.intValue());
        }
        return PortRef.named(f.text());
    }

    private static ServiceReference serviceReference(Field f) {
        return new ServiceReference(
                f.string("name"),
                f.string("kind"),
                f.string("namespace"),
                f.get("port").map(ManifestLoader::port).orElse(PortRef.NONE),
                f.optionalInteger("weight"),
                f.string("scheme"),
                f.string("strategy"),
                f.optionalBool("passHostHeader"),
                f.get("responseForwarding").flatMap(r -> r.optionalString("flushInterval")),
                f.get("sticky").map(ManifestLoader::sticky),
                f.get("healthCheck").map(h -> new ServiceReference.HealthCheck(
                        h.string("scheme"), h.string("mode"), h.string("path"), h.string("method"),
                        h.integer("status"), h.integer("port"), h.string("hostname"), h.stringMap("headers"),
                        h.optionalString("interval"), h.optionalString("unhealthyInterval"),
                        h.optionalString("timeout"), h.optionalBool("followRedirects"))),
                f.get("passiveHealthCheck").map(p -> new ServiceReference.PassiveHealthCheck(
                        p.optionalInteger("maxFailedAttempts"), p.optionalString("failureWindow"))),
                f.string("serversTransport"),
                f.optionalBool("nativeLB"),
                f.bool("nodePortLB"),
                f.list("middlewares", ManifestLoader::objectRef));
    }

    private static ServiceReference.Sticky sticky(Field s) {
        return new ServiceReference.Sticky(s.get("cookie").map(c -> new ServiceReference.Cookie(
                c.string("name"), c.bool("secure"), c.bool("httpOnly"), c.string("sameSite"), c.integer("maxAge"),
                c.optionalString("path"), c.string("domain"))));
    }

    private static TraefikService traefikService(Field root) {
        ObjectMeta meta = metadata(root, true);
        Field spec = spec(root);
        return new TraefikService(meta,
                spec.get("weighted").map(w -> new TraefikService.Weighted(
                        w.list("services", ManifestLoader::serviceReference), w.get("sticky").map(ManifestLoader::sticky))),
                spec.get("mirroring").map(m -> new TraefikService.Mirroring(
                        serviceReference(m),
                        m.list("mirrors", x -> new TraefikService.Mirror(serviceReference(x), x.integer("percent"))),
                        m.optionalBool("mirrorBody"),
                        m.get("maxBodySize").map(v -> OptionalLong.of(v.longValue())).orElse(OptionalLong.empty()))),
                spec.get("highestRandomWeight").map(h -> new TraefikService.HighestRandomWeight(
                        h.list("services", ManifestLoader::serviceReference))),
                spec.get("failover").map(f -> new TraefikService.Failover(
                        f.get("service").map(ManifestLoader::serviceReference)
                                .orElseThrow(() -> f.error("missing service")),
                        f.get("fallback").map(ManifestLoader::serviceReference)
                                .orElseThrow(() -> f.error("missing fallback")),
                        f.get("errors").map(e -> new TraefikService.Errors(e.strings("status"),
                                e.get("maxRequestBodyBytes").map(v -> OptionalLong.of(v.longValue()))
                                        .orElse(OptionalLong.empty()))))));
    }

    private static ServersTransport serversTransport(Field root) {
        ObjectMeta meta = metadata(root, true);
        Field s = spec(root);
        return new ServersTransport(meta,
                s.string("serverName"),
                s.bool("insecureSkipVerify"),
                s.strings("rootCAsSecrets"),
                s.list("rootCAs", r -> new ServersTransport.RootCA(r.optionalString("secret"),
                        r.optionalString("configMap"))),
                s.strings("certificatesSecrets"),
                s.integer("maxIdleConnsPerHost"),
                s.get("forwardingTimeouts").map(f -> new ServersTransport.ForwardingTimeouts(
                        f.optionalString("dialTimeout"), f.optionalString("responseHeaderTimeout"),
                        f.optionalString("idleConnTimeout"), f.optionalString("readIdleTimeout"),
                        f.optionalString("pingTimeout"))),
                s.bool("disableHTTP2"),
                s.string("peerCertURI"),
                s.list("peerCertSANs", p -> new ServersTransport.PeerCertSAN(p.string("type"), p.string("value"))),
                s.get("spiffe").map(p -> new ServersTransport.Spiffe(p.strings("ids"), p.string("trustDomain"))),
                s.strings("cipherSuites"),
                s.string("minVersion"),
                s.string("maxVersion"));
    }

    private static Middleware middleware(Field root) {
        ObjectMeta meta = metadata(root, true);
        Optional<ServiceReference> errorPage = spec(root).get("errors")
                .flatMap(e -> e.get("service"))
                .map(ManifestLoader::serviceReference);
        return new Middleware(meta, errorPage);
    }

    // ---- core objects ------------------------------------------------------------------------

    private static Service service(Field root) {
        ObjectMeta meta = metadata(root, true);
        Field s = spec(root);
        String type = s.optionalString("type").filter(t -> !t.isEmpty()).orElse(Service.CLUSTER_IP);
        return new Service(meta, type, s.string("clusterIP"),
                s.list("ports", p -> new Service.Port(p.string("name"), p.integer("port"), p.integer("nodePort"))),
                s.string("externalName"));
    }

    private static EndpointSlice endpointSlice(Field root) {
        ObjectMeta meta = metadata(root, true);
        return new EndpointSlice(meta, root.string("addressType"),
                root.list("ports", p -> new EndpointSlice.Port(p.optionalString("name"), p.optionalInteger("port"))),
                root.list("endpoints", e -> new EndpointSlice.Endpoint(e.strings("addresses"),
                        e.get("conditions").map(c -> new EndpointSlice.Conditions(c.optionalBool("ready"),
                                c.optionalBool("serving"), c.optionalBool("terminating")))
                                .orElse(EndpointSlice.Conditions.NONE))));
    }

    private static Node node(Field root) {
        ObjectMeta meta = metadata(root, false);
        List<Node.Address> addresses = root.get("status")
                .map(s -> s.list("addresses", a -> new Node.Address(a.string("type"), a.string("address"))))
                .orElse(List.of());
        return new Node(meta, addresses);
    }

    private static Secret secret(Field root) {
        ObjectMeta meta = metadata(root, true);
        Map<String, String> data = new LinkedHashMap<>();
        root.get("data").ifPresent(d -> d.entries().forEach((key, value) -> {
            if (value.isNull()) {
                return;
            }
            String encoded = value.text().replaceAll("\\s", "");
            try {
                Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw value.error("not valid base64");
            }
            data.put(key, encoded);
        }));
        root.get("stringData").ifPresent(d -> d.entries().forEach((key, value) -> {
            if (!value.isNull()) {
                data.put(key, Base64.getEncoder().encodeToString(value.text().getBytes(StandardCharsets.UTF_8)));
            }
        }));
        return new Secret(meta, root.string("type"), data);
    }

    private static ConfigMap configMap(Field root) {
        return new ConfigMap(metadata(root, true), root.stringMap("data"));
    }
}
