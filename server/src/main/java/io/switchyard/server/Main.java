package io.switchyard.server;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.GoDuration;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.http.IpRanges;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.server.cli.ConfigArguments;
import io.switchyard.server.admin.AccessLogSettings;
import io.switchyard.server.admin.Operations;
import io.switchyard.ports.runtime.RuntimeSettings.EntryPointSettings;
import io.switchyard.server.cli.TranslateCommand;
import io.switchyard.server.demo.DemoBackends;
import io.switchyard.server.http.ConnectionLimits;
import io.switchyard.server.http.EntryPointBinding;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Command line entry point.
 *
 * <pre>
 * switchyard run --demo [--admin [HOST]:PORT | --no-admin] [--access-log[=FILE]] [--access-log-format=common|json]
 * switchyard run --manifests DIR [--entrypoint NAME=[HOST]:PORT]... [--entrypoint-tls NAME=CERT,KEY]...
 *                [--trusted-ips NAME=CIDR[,CIDR]]... [--forwarded-insecure NAME]... [provider options]
 * switchyard run --source NAME [--source-option KEY=VALUE]... [--entrypoint ...]
 * switchyard translate [provider options] FILE...
 * switchyard proxy --listen [HOST]:PORT --to URL
 * </pre>
 */
public final class Main {
    private static final String USAGE = """
            usage: switchyard COMMAND [OPTIONS]

            commands:
              run --demo                        two demo backends + examples/demo manifests on :8000
              run --manifests DIR               serve the IngressRoutes etc. found in DIR (reloads on change)
              run --kubernetes                  watch a Kubernetes API server (--kubeconfig FILE, else in-cluster)
              run --source NAME                 use a discovery source by name (--source-option KEY=VALUE)
                  --config FILE                 read options from a YAML file (name: value); also SWITCHYARD_NAME=value
                  --entrypoint NAME=[HOST]:PORT listener, repeatable (default web=:8000)
                  --entrypoint-tls NAME=CERT.pem,KEY.pem
                                                serve TLS (and HTTP/2 by ALPN) on that entry point
                  --trusted-ips NAME=CIDR[,CIDR...]
                                                trust X-Forwarded-* from these peers on that entry point
                  --forwarded-insecure NAME     trust X-Forwarded-* from everyone on that entry point
                  --grace-period DURATION       in-flight requests' time at SIGTERM/SIGINT (default 10s)
                  --max-request-line BYTES      longest request line, else 414 (default 16384)
                  --max-header-size BYTES       largest header section, else 431 (default 65536)
                  --idle-timeout DURATION       keep-alive connections idle longer are closed (default 180s)
                  --read-header-timeout DURATION
                                                header fields must arrive within this (default 60s)
                  --no-retry                    never resend an idempotent request to another server
                  --propagate-health-check-status
                                                weighted and highestRandomWeight services skip a child
                                                service with no UP server (Switchyard only; default off)
                  --admin [HOST]:PORT           admin listener: API, dashboard, /ping, /ready, /metrics (default :8080)
                  --no-admin                    no admin listener
                  --access-log[=FILE]           access log to FILE or standard output (default: off)
                  --access-log-format=common|json
                  provider options as for translate
              translate [OPTIONS] FILE...       print the dynamic configuration Traefik would build, as JSON
              proxy --listen [HOST]:PORT --to URL
                                                a quick single-backend reverse proxy
              selftest                          proxy one request through a throw-away instance, then exit
              help                              this text
            """;

    private Main() {
    }

    /** Runs the command line; exits with its status. */
    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.config.file") == null) {
            io.helidon.logging.common.LogConfig.configureRuntime();
        }
        int status = run(Arrays.asList(args), System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /**
     * Runs a command. Long-running commands block until SIGTERM or SIGINT, stop gracefully (no new
     * connections, idle keep-alive connections closed, in-flight requests given the grace period)
     * and return 0; if the signals cannot be handled, a shutdown hook stops them and this never
     * returns.
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || List.of("help", "-h", "--help").contains(args.get(0))) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "translate" -> TranslateCommand.run(rest, out, err);
                case "run" -> serveUntilStopped(runSettings(withConfiguration(rest, System.getenv())), err);
                case "proxy" -> serveUntilStopped(proxySettings(rest), err);
                case "selftest" -> selfTest(out, err);
                default -> {
                    err.println("switchyard: unknown command '" + args.get(0) + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("switchyard: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("switchyard: " + e.getMessage()); // e.g. an entry point that cannot listen
            return 1;
        }
    }

    /** {@code run} options that take a separate value (the others are switches or {@code --x=value}). */
    static final Set<String> RUN_VALUED = Set.of("manifests", "source", "source-option", "entrypoint",
            "grace-period", "kubeconfig", "config", "admin", "access-log-format", "entrypoint-tls", "trusted-ips",
            "forwarded-insecure", "max-request-line", "max-header-size", "idle-timeout", "read-header-timeout");

    /**
     * The {@code run} arguments with those of {@code --config FILE} and {@code SWITCHYARD_*}
     * variables in front (file, then environment, then command line: later wins).
     */
    static List<String> withConfiguration(List<String> args, Map<String, String> env) {
        List<String> cli = new ArrayList<>();
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--config")) {
                file = Path.of(value(args, ++i, "--config"));
            } else {
                cli.add(args.get(i));
            }
        }
        if (file == null && env.containsKey(ConfigArguments.ENV_PREFIX + "CONFIG")) {
            file = Path.of(env.get(ConfigArguments.ENV_PREFIX + "CONFIG"));
        }
        List<String> all = new ArrayList<>();
        if (file != null) {
            all.addAll(ConfigArguments.fromFile(file, RUN_VALUED));
        }
        Map<String, String> rest = new java.util.HashMap<>(env);
        rest.remove(ConfigArguments.ENV_PREFIX + "CONFIG");
        all.addAll(ConfigArguments.fromEnvironment(rest, RUN_VALUED));
        all.addAll(cli);
        return all;
    }

    /** Parsed {@code run} options, plus the demo backends when {@code --demo} was given. */
    record RunSettings(Switchyard.Settings settings, boolean demo) {
    }

    static RunSettings runSettings(List<String> args) {
        List<EntryPointBinding> entryPoints = new ArrayList<>();
        String source = "";
        Map<String, String> sourceOptions = new LinkedHashMap<>();
        List<String> providerFlags = new ArrayList<>();
        Switchyard.Settings.Builder settings = Switchyard.Settings.builder();
        ConnectionLimits limits = ConnectionLimits.DEFAULTS;
        boolean demo = false;
        Optional<EntryPointBinding.HostPort> admin = Optional.of(
                new EntryPointBinding.HostPort("0.0.0.0", Operations.Settings.DEFAULT_ADMIN_PORT));
        boolean accessLog = false;
        Optional<Path> accessLogFile = Optional.empty();
        AccessLogSettings.Format accessLogFormat = AccessLogSettings.Format.COMMON;
        Map<String, List<String>> trustedIps = new LinkedHashMap<>();
        List<String> insecure = new ArrayList<>();
        Map<String, EntryPointBinding.Tls> tls = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--access-log=")) {
                accessLog = true;
                accessLogFile = Optional.of(Path.of(a.substring("--access-log=".length())));
                continue;
            }
            if (a.startsWith("--access-log-format=")) {
                accessLogFormat = AccessLogSettings.Format.parse(a.substring("--access-log-format=".length()));
                continue;
            }
            switch (a) {
                case "--admin" -> admin = Optional.of(EntryPointBinding.HostPort.parse(value(args, ++i, a), "0.0.0.0"));
                case "--no-admin" -> admin = Optional.empty();
                case "--access-log" -> accessLog = true;
                case "--access-log-format" -> accessLogFormat = AccessLogSettings.Format.parse(value(args, ++i, a));
                case "--demo" -> demo = true;
                case "--manifests" -> {
                    source = "manifests";
                    sourceOptions.put("dir", value(args, ++i, a));
                }
                case "--source" -> source = value(args, ++i, a);
                case "--kubernetes" -> source = "kubernetes";
                case "--kubeconfig" -> sourceOptions.put("kubeconfig", value(args, ++i, a));
                case "--source-option" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--source-option: '" + kv + "' (expected KEY=VALUE)");
                    }
                    sourceOptions.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--entrypoint" -> {
                    EntryPointBinding ep = EntryPointBinding.parse(value(args, ++i, a));
                    entryPoints.removeIf(e -> e.name().equals(ep.name())); // later definitions win
                    entryPoints.add(ep);
                }
                case "--entrypoint-tls" -> {
                    String[] kv = nameValue(value(args, ++i, a), a, "NAME=CERT.pem,KEY.pem");
                    tls.put(kv[0], EntryPointBinding.Tls.parse(kv[1]));
                }
                case "--trusted-ips" -> {
                    String[] kv = nameValue(value(args, ++i, a), a, "NAME=CIDR[,CIDR...]");
                    // blanks after commas are the command line's convenience; an entry itself is Go-exact
                    List<String> cidrs = Arrays.stream(kv[1].split(",")).map(String::strip).toList();
                    IpRanges.parse(cidrs); // fails early on a malformed entry
                    trustedIps.computeIfAbsent(kv[0], k -> new ArrayList<>()).addAll(cidrs);
                }
                case "--forwarded-insecure" -> insecure.add(value(args, ++i, a));
                case "--grace-period" -> settings.gracePeriod(duration(a, value(args, ++i, a)));
                case "--max-request-line" -> limits = limits.withMaxRequestLine(bytes(a, value(args, ++i, a)));
                case "--max-header-size" -> limits = limits.withMaxHeaderSize(bytes(a, value(args, ++i, a)));
                case "--idle-timeout" -> limits = limits.withIdleTimeout(duration(a, value(args, ++i, a)));
                case "--read-header-timeout" ->
                        limits = limits.withReadHeaderTimeout(duration(a, value(args, ++i, a)));
                case "--no-retry" -> settings.retryIdempotentOnce(false);
                case "--propagate-health-check-status" -> settings.propagateHealth(true);
                default -> {
                    if (a.startsWith("--")) {
                        providerFlags.add(a);
                    } else {
                        throw new IllegalArgumentException("run: unexpected argument '" + a + "'");
                    }
                }
            }
        }
        if (demo) {
            if (!source.isEmpty()) {
                throw new IllegalArgumentException("run: --demo cannot be combined with --manifests or --source");
            }
            source = "manifests";
            sourceOptions.put("dir", demoManifests().toString());
        }
        if (source.isEmpty()) {
            throw new IllegalArgumentException("run: say where routes come from: --demo, --manifests DIR or --source NAME");
        }
        if (entryPoints.isEmpty()) {
            entryPoints.add(Switchyard.Settings.DEFAULT_ENTRY_POINT);
        }
        entryPoints = configureEntryPoints(entryPoints, trustedIps, insecure, tls);
        ProviderOptions options = parseProviderOptions(providerFlags);
        if (source.equals("kubernetes")) {
            // What to watch follows the provider options unless the source was told otherwise.
            if (!options.namespaces().isEmpty()) {
                sourceOptions.putIfAbsent("namespaces", String.join(",", options.namespaces()));
            }
            if (!options.labelSelector().isEmpty()) {
                sourceOptions.putIfAbsent("label-selector", options.labelSelector());
            }
            if (options.disableClusterScopeResources()) {
                sourceOptions.putIfAbsent("disable-cluster-scope-resources", "true");
            }
        }
        AccessLogSettings log = accessLog ? AccessLogSettings.to(accessLogFile, accessLogFormat) : AccessLogSettings.OFF;
        return new RunSettings(settings
                .entryPoints(entryPoints)
                .source(source, sourceOptions)
                .options(options)
                .operations(new Operations.Settings(admin, log))
                .limits(limits)
                .build(), demo);
    }

    /** A Go duration ({@code 10s}, {@code 500ms}, {@code 1m30s}; a bare number is seconds). */
    private static Duration duration(String flag, String text) {
        Duration d;
        try {
            d = GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": '" + text + "' (expected a duration like 10s or 500ms)", e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(flag + ": '" + text + "' (expected: >= 0)");
        }
        return d;
    }

    private static int bytes(String flag, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": '" + text + "' (expected a number of bytes)", e);
        }
    }

    /** Applies the per entry point options; each must name a declared entry point. */
    static List<EntryPointBinding> configureEntryPoints(List<EntryPointBinding> entryPoints,
                                                        Map<String, List<String>> trustedIps,
                                                        List<String> insecure,
                                                        Map<String, EntryPointBinding.Tls> tls) {
        List<String> names = entryPoints.stream().map(EntryPointBinding::name).toList();
        for (String name : concat(trustedIps.keySet(), insecure, tls.keySet())) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("entry point '" + name + "' is not declared (declared: "
                        + String.join(", ", names) + ")");
            }
        }
        List<EntryPointBinding> out = new ArrayList<>();
        for (EntryPointBinding b : entryPoints) {
            EntryPointSettings s = b.settings();
            EntryPointBinding configured = b.withSettings(new EntryPointSettings(
                    trustedIps.getOrDefault(b.name(), s.trustedIPs()), s.insecure() || insecure.contains(b.name()),
                    s.sanitizePath()));
            EntryPointBinding.Tls t = tls.get(b.name());
            out.add(t == null ? configured : configured.withTls(t));
        }
        return out;
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b,
                                       java.util.Collection<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private static String[] nameValue(String text, String flag, String expected) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException(flag + ": '" + text + "' (expected " + expected + ")");
        }
        return new String[] {text.substring(0, eq), text.substring(eq + 1)};
    }

    /** The demo manifests: {@code examples/demo} beside the launcher (SWITCHYARD_HOME) or the working dir. */
    static Path demoManifests() {
        String home = System.getenv("SWITCHYARD_HOME");
        Path base = home == null ? Path.of("") : Path.of(home);
        Path dir = base.resolve("examples/demo").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run --demo: " + dir + " not found (run from the repository root)");
        }
        return dir;
    }

    static RunSettings proxySettings(List<String> args) {
        String listen = null;
        String to = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--listen" -> listen = value(args, ++i, "--listen");
                case "--to" -> to = value(args, ++i, "--to");
                default -> throw new IllegalArgumentException("proxy: unexpected argument '" + args.get(i) + "'");
            }
        }
        if (listen == null || to == null) {
            throw new IllegalArgumentException("proxy: needs --listen [HOST]:PORT and --to URL");
        }
        ServerAddress target = ServerAddress.parse(to);
        var hp = EntryPointBinding.HostPort.parse(listen, "0.0.0.0");
        String url = target.scheme() + "://" + target.authority();
        DynamicConfig config = new DynamicConfig(
                Map.of("proxy", RouterConfig.of("PathPrefix(`/`)", List.of("web"), "proxy")),
                Map.of("proxy", LoadBalancerService.of(List.of(ServerConfig.of(url)))),
                Map.of());
        return new RunSettings(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", hp.host(), hp.port())))
                .fixed(config)
                .build(), false);
    }

    static ProviderOptions parseProviderOptions(List<String> flags) {
        ProviderOptions options = ProviderOptions.DEFAULTS;
        for (String flag : flags) {
            options = TranslateCommand.option(options, flag);
        }
        return options;
    }

    /**
     * Starts a backend and an instance on free loopback ports, proxies one request through the whole
     * stack and stops. A smoke test for an installation; the launcher also uses it as the training
     * run of the class-data-sharing archive that makes later start-ups faster.
     */
    static int selfTest(PrintStream out, PrintStream err) {
        try (var backend = DemoBackends.start(List.of(0))) {
            String url = "http://127.0.0.1:" + backend.ports().get(0);
            RunSettings run = proxySettings(List.of("--listen", "127.0.0.1:0", "--to", url));
            try (Switchyard sy = Switchyard.start(run.settings())) {
                var client = java.net.http.HttpClient.newHttpClient();
                var response = client.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + sy.port("web") + "/selftest")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || !response.body().startsWith("Hostname: demo-1")) {
                    err.println("selftest: unexpected answer " + response.statusCode() + ": " + response.body());
                    return 1;
                }
                out.println("selftest: ok (GET /selftest proxied to " + url + ")");
                return 0;
            }
        } catch (java.io.IOException e) {
            err.println("selftest: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(flag + ": missing value");
        }
        return args.get(i);
    }

    private static int serveUntilStopped(RunSettings run, PrintStream err) {
        DemoBackends demo = run.demo() ? DemoBackends.start(DemoBackends.DEMO_PORTS) : null;
        Switchyard sy;
        try {
            sy = Switchyard.start(run.settings());
        } catch (RuntimeException e) {
            if (demo != null) {
                demo.close();
            }
            throw e;
        }
        if (demo != null) {
            err.println("switchyard: demo backends on 127.0.0.1:" + demo.ports()
                    + "; try: curl -H 'Host: demo.localhost' http://127.0.0.1:" + sy.port("web") + "/");
        }
        sy.adminPort().ifPresent(p -> err.println("switchyard: dashboard on http://127.0.0.1:" + p + "/dashboard/"));
        Runnable shutdown = once(() -> {
            sy.close();
            if (demo != null) {
                demo.close();
            }
        });
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.install(stopRequested::countDown);
        // any other way the JVM ends (SIGHUP, a signal we could not take over) still stops gracefully
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "switchyard-shutdown"));
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("switchyard: stopping (grace period " + GoDuration.format(run.settings().gracePeriod()) + ")");
        shutdown.run();
        return 0;
    }

    /** {@code action} run at most once; a second caller waits until the first run has finished. */
    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        Object lock = new Object();
        return () -> {
            synchronized (lock) {
                if (done.compareAndSet(false, true)) {
                    action.run();
                }
            }
        };
    }
}
