package io.switchyard.server;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.GoDuration;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.domain.translate.ProviderOptions;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Command line entry point.
 *
 * <pre>
 * switchyard run --demo
 * switchyard run --manifests DIR [--entrypoint NAME=[HOST]:PORT]... [provider options]
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
              run --source NAME                 use a discovery source by name (--source-option KEY=VALUE)
                  --entrypoint NAME=[HOST]:PORT listener, repeatable (default web=:8000)
                  --grace-period DURATION       in-flight requests' time at SIGTERM/SIGINT (default 10s)
                  --max-request-line BYTES      longest request line, else 414 (default 16384)
                  --max-header-size BYTES       largest header section, else 431 (default 65536)
                  --idle-timeout DURATION       keep-alive connections idle longer are closed (default 180s)
                  --read-header-timeout DURATION
                                                header fields must arrive within this (default 60s)
                  --no-retry                    never resend an idempotent request to another server
                  provider options as for translate
              translate [OPTIONS] FILE...       print the dynamic configuration Traefik would build, as JSON
              proxy --listen [HOST]:PORT --to URL
                                                a quick single-backend reverse proxy
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
                case "run" -> serveUntilStopped(runSettings(rest), err);
                case "proxy" -> serveUntilStopped(proxySettings(rest), err);
                default -> {
                    err.println("switchyard: unknown command '" + args.get(0) + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("switchyard: " + e.getMessage());
            return 2;
        }
    }

    /** Parsed {@code run} options, plus the demo backends when {@code --demo} was given. */
    record RunSettings(Switchyard.Settings settings, boolean demo) {
    }

    static RunSettings runSettings(List<String> args) {
        List<EntryPointBinding> entryPoints = new ArrayList<>();
        String source = "";
        Map<String, String> sourceOptions = new LinkedHashMap<>();
        List<String> providerFlags = new ArrayList<>();
        Duration grace = Duration.ofSeconds(10);
        ConnectionLimits limits = ConnectionLimits.DEFAULTS;
        boolean retry = true;
        boolean demo = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--demo" -> demo = true;
                case "--manifests" -> {
                    source = "manifests";
                    sourceOptions.put("dir", value(args, ++i, a));
                }
                case "--source" -> source = value(args, ++i, a);
                case "--source-option" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--source-option: '" + kv + "' (expected KEY=VALUE)");
                    }
                    sourceOptions.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                case "--entrypoint" -> entryPoints.add(EntryPointBinding.parse(value(args, ++i, a)));
                case "--grace-period" -> grace = duration(a, value(args, ++i, a));
                case "--max-request-line" -> limits = limits.withMaxRequestLine(bytes(a, value(args, ++i, a)));
                case "--max-header-size" -> limits = limits.withMaxHeaderSize(bytes(a, value(args, ++i, a)));
                case "--idle-timeout" -> limits = limits.withIdleTimeout(duration(a, value(args, ++i, a)));
                case "--read-header-timeout" ->
                        limits = limits.withReadHeaderTimeout(duration(a, value(args, ++i, a)));
                case "--no-retry" -> retry = false;
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
            entryPoints.add(new EntryPointBinding("web", "0.0.0.0", 8000));
        }
        ProviderOptions options = parseProviderOptions(providerFlags);
        return new RunSettings(new Switchyard.Settings(entryPoints, source, sourceOptions, options,
                DynamicConfig.EMPTY, grace, limits, retry), demo);
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
        return new RunSettings(new Switchyard.Settings(List.of(new EntryPointBinding("web", hp.host(), hp.port())),
                "", Map.of(), ProviderOptions.DEFAULTS, config, Duration.ofSeconds(10)), false);
    }

    static ProviderOptions parseProviderOptions(List<String> flags) {
        ProviderOptions options = ProviderOptions.DEFAULTS;
        for (String flag : flags) {
            options = TranslateCommand.option(options, flag);
        }
        return options;
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
