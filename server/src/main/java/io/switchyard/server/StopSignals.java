package io.switchyard.server;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * Turns SIGTERM and SIGINT into a call instead of JVM shutdown, so that the process can stop
 * gracefully and then exit with status 0, as Traefik does. Left to the JVM, these signals run the
 * shutdown hooks and end the process with status 143 or 130, which Kubernetes and systemd report
 * as a failure; and {@code System.exit} must not be called from a hook (it blocks forever).
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}, available on every JDK we
 * support) by reflection, which keeps the build free of proprietary-API warnings. When it is not
 * available (or the JVM runs with {@code -Xrs}), {@link #install} says so and the caller relies
 * on a shutdown hook.
 */
final class StopSignals {
    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private StopSignals() {
    }

    /**
     * Runs {@code onStop} (on a JVM signal thread; it must return quickly) when SIGTERM or SIGINT
     * arrives.
     *
     * @return whether the handlers are installed
     */
    static boolean install(Runnable onStop) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            InvocationHandler calls = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    onStop.run();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "switchyard stop signal handler";
                default -> throw new UnsupportedOperationException(method.getName());
            };
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, calls);
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : SIGNALS) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "cannot handle SIGTERM/SIGINT ({0}); a stop signal ends the process through "
                    + "the shutdown hook, still gracefully but with exit status 143/130", e.toString());
            return false;
        }
    }
}
