package io.switchyard.adapters.k8s.informer;

import io.kubernetes.client.openapi.ApiClient;
import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.ports.discovery.ClusterSource;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link ClusterSource} on a Kubernetes API server: one informer (LIST, then WATCH) per
 * {@link WatchedResource} and watched namespace, objects mapped into cluster records by the same
 * mapping as manifests.
 *
 * <p>Behaviour:
 * <ul>
 * <li>The first snapshot comes once every informer has synced (its first LIST is in); {@link #synced()}
 *     tells whether that has happened.</li>
 * <li>Changes are throttled as Traefik throttles provider events: a change is delivered at once,
 *     then nothing for the throttle window, after which everything that changed meanwhile comes as
 *     one snapshot. A snapshot equal to the last one delivered is not delivered again.</li>
 * <li>The API server being unreachable, refusing access or serving errors, a dropped watch and an
 *     expired watch history (410 Gone) are retried by the informers forever; each problem is reported
 *     once through {@code onError} (a reminder every five minutes while it lasts) and its end is
 *     logged once. The last good snapshot stays in force meanwhile.</li>
 * <li>An object that does not map (a field of the wrong shape) is skipped alone, reported once per
 *     resourceVersion. Fields the mapping does not know are ignored, whatever the Kubernetes version.</li>
 * </ul>
 */
public final class KubernetesClusterSource implements ClusterSource {
    private static final System.Logger LOG = System.getLogger(KubernetesClusterSource.class.getName());
    private static final long SYNC_POLL_MILLIS = 20;

    private final ApiClient client;
    private final KubernetesOptions options;
    private final List<ResourceWatch> watches;
    private final ApiHealth health;
    private final SnapshotAssembler assembler;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Object listenerLock = new Object();
    private boolean dirty = true;
    private volatile ClusterSource.SnapshotListener listener;
    private volatile Thread emitter;
    private volatile ClusterSnapshot last;

    /**
     * A source with a client built from {@code options}: the {@code kubeconfig} file, else
     * {@code master-url} without credentials, else {@code $KUBECONFIG}, {@code ~/.kube/config} or the
     * in-cluster service account (the kubeconfig is never written to). Nothing is contacted before
     * {@link #start}.
     *
     * @throws IllegalArgumentException when the client configuration cannot be read
     */
    public static KubernetesClusterSource create(KubernetesOptions options) {
        Objects.requireNonNull(options, "options");
        return new KubernetesClusterSource(ApiClients.create(options), options,
                line -> LOG.log(System.Logger.Level.INFO, line), InstantSource.system());
    }

    /**
     * @param notices receives notices (expired watches, cut streams) and recoveries
     */
    KubernetesClusterSource(ApiClient client, KubernetesOptions options, Consumer<String> notices,
                            InstantSource clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.health = new ApiHealth(client.getBasePath(), this::reportProblem, notices, clock);
        this.assembler = new SnapshotAssembler(this::reportProblem);
        List<ResourceWatch> list = new ArrayList<>();
        for (WatchedResource resource : options.watchedResources()) {
            List<String> namespaces = resource.namespaced() && !options.namespaces().isEmpty()
                    ? options.namespaces() : List.of("");
            for (String namespace : namespaces) {
                list.add(new ResourceWatch(client, resource, namespace, options.labelSelector(), options.resync(),
                        health, this::markChanged));
            }
        }
        this.watches = List.copyOf(list);
    }

    /** The options this source runs with. */
    public KubernetesOptions options() {
        return options;
    }

    /** The API server URL. */
    public String server() {
        return client.getBasePath();
    }

    /** Whether every informer has synced, i.e. the first snapshot can be (or has been) built. */
    public boolean synced() {
        for (ResourceWatch watch : watches) {
            if (!watch.hasSynced()) {
                return false;
            }
        }
        return true;
    }

    /** The last snapshot delivered, if any. */
    public Optional<ClusterSnapshot> lastSnapshot() {
        return Optional.ofNullable(last);
    }

    /**
     * Starts the informers and the snapshot thread; returns at once. The first snapshot follows once
     * every informer has synced.
     *
     * @throws IllegalStateException when started twice or after {@link #close()}
     */
    @Override
    public void start(ClusterSource.SnapshotListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException(closed.get() ? "closed" : "already started");
        }
        this.listener = listener;
        LOG.log(System.Logger.Level.INFO, () -> "watching " + watches.size() + " resource(s) on " + server()
                + (options.namespaces().isEmpty() ? " in all namespaces" : " in namespaces " + options.namespaces()));
        for (ResourceWatch watch : watches) {
            watch.start();
        }
        emitter = Thread.ofPlatform().daemon().name("switchyard-k8s-snapshots").start(this::emitLoop);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        health.close();
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Thread t = emitter;
        if (t != null) {
            t.interrupt();
        }
        if (started.get()) {
            for (ResourceWatch watch : watches) {
                watch.stop();
            }
        }
        client.getHttpClient().dispatcher().cancelAll();
        client.getHttpClient().dispatcher().executorService().shutdown();
        client.getHttpClient().connectionPool().evictAll();
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void markChanged() {
        lock.lock();
        try {
            dirty = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void emitLoop() {
        Duration throttle = options.throttle();
        try {
            while (!closed.get()) {
                lock.lock();
                try {
                    // Polls while not synced: an informer that syncs to an empty list fires no event.
                    while (!closed.get() && !(dirty && synced())) {
                        changed.await(SYNC_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    }
                    dirty = false;
                } finally {
                    lock.unlock();
                }
                if (closed.get()) {
                    return;
                }
                deliver(assembler.assemble(watches));
                if (throttle.isPositive()) {
                    Thread.sleep(throttle);
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private void deliver(ClusterSnapshot snapshot) {
        if (snapshot.equals(last)) {
            return;
        }
        last = snapshot;
        synchronized (listenerLock) {
            if (closed.get()) {
                return;
            }
            try {
                listener.onSnapshot(snapshot);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "snapshot listener failed", e);
            }
        }
    }

    private void reportProblem(String message) {
        ClusterSource.SnapshotListener l = listener;
        synchronized (listenerLock) {
            if (l == null || closed.get()) {
                LOG.log(System.Logger.Level.WARNING, message);
                return;
            }
            try {
                l.onError(message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "snapshot listener failed on: " + message, e);
            }
        }
    }
}
