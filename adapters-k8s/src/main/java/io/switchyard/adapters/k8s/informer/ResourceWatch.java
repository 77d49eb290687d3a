package io.switchyard.adapters.k8s.informer;

import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.cache.Cache;
import io.kubernetes.client.informer.impl.DefaultSharedIndexInformer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.CallGeneratorParams;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.ListOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * One informer: one resource in one namespace (or in all). Every resource, typed or not, is read as a
 * {@link DynamicKubernetesObject}: the client's typed models reject fields they do not know, so one
 * new field in a newer Kubernetes would make a whole LIST fail and the informer never sync. Informers
 * are built directly rather than through {@code SharedInformerFactory}, which keeps one informer per
 * Java class and so cannot hold several dynamic ones.
 *
 * <p>The LIST and WATCH calls go through a wrapper that tells {@link ApiHealth} how each one went,
 * which is how failures are reported once and recoveries noticed.
 */
final class ResourceWatch {
    private final WatchedResource resource;
    private final String namespace;
    private final String id;
    private final DefaultSharedIndexInformer<DynamicKubernetesObject, DynamicKubernetesListObject> informer;
    private final Cache<DynamicKubernetesObject> cache = new Cache<>();
    private volatile boolean stopped;

    /**
     * @param namespace     the namespace, or empty for all (and for cluster-scoped resources)
     * @param labelSelector applied on the server, to custom resources only
     * @param onChange      called after every add, update and delete (also for resyncs)
     */
    ResourceWatch(ApiClient client, WatchedResource resource, String namespace, String labelSelector,
                  Duration resync, ApiHealth health, Runnable onChange) {
        this.resource = Objects.requireNonNull(resource, "resource");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.id = resource.qualifiedName() + (namespace.isEmpty() ? "" : " in " + namespace);
        DynamicKubernetesApi api = new DynamicKubernetesApi(resource.group(), resource.version(),
                resource.resource(), client);
        String selector = resource.custom() ? labelSelector : "";
        ListerWatcher<DynamicKubernetesObject, DynamicKubernetesListObject> lw = new ListerWatcher<>() {
            @Override
            public DynamicKubernetesListObject list(CallGeneratorParams params) throws ApiException {
                refuseWhenStopped();
                try {
                    ListOptions options = options(params, selector);
                    DynamicKubernetesListObject list = (namespace.isEmpty() ? api.list(options)
                            : api.list(namespace, options)).throwsApiException().getObject();
                    health.succeeded(ResourceWatch.this);
                    return list;
                } catch (ApiException e) {
                    if (e.getCode() == 410) {
                        health.expired(ResourceWatch.this);
                    } else {
                        health.failed(ResourceWatch.this, e);
                    }
                    throw e;
                } catch (RuntimeException | Error e) {
                    health.failed(ResourceWatch.this, e);
                    throw e;
                }
            }

            @Override
            public Watchable<DynamicKubernetesObject> watch(CallGeneratorParams params) throws ApiException {
                refuseWhenStopped();
                try {
                    ListOptions options = options(params, selector);
                    Watchable<DynamicKubernetesObject> watch = namespace.isEmpty() ? api.watch(options)
                            : api.watch(namespace, options);
                    health.succeeded(ResourceWatch.this);
                    return new ObservedWatch(watch, health);
                } catch (ApiException | RuntimeException | Error e) {
                    health.failed(ResourceWatch.this, e);
                    throw e;
                }
            }
        };
        long resyncMillis = resync.toMillis();
        this.informer = new DefaultSharedIndexInformer<>(DynamicKubernetesObject.class, lw, resyncMillis,
                cache, (type, error) -> health.failed(this, error));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(DynamicKubernetesObject obj) {
                onChange.run();
            }

            @Override
            public void onUpdate(DynamicKubernetesObject oldObj, DynamicKubernetesObject newObj) {
                onChange.run();
            }

            @Override
            public void onDelete(DynamicKubernetesObject obj, boolean deletedFinalStateUnknown) {
                onChange.run();
            }
        });
    }

    /** A reflector may be between two calls when stopped; no request leaves after {@link #stop()}. */
    private void refuseWhenStopped() throws ApiException {
        if (stopped) {
            throw new ApiException("stopped");
        }
    }

    private static ListOptions options(CallGeneratorParams params, String selector) {
        ListOptions options = new ListOptions();
        options.setResourceVersion(params.resourceVersion);
        options.setTimeoutSeconds(params.timeoutSeconds);
        if (!selector.isEmpty()) {
            options.setLabelSelector(selector);
        }
        return options;
    }

    WatchedResource resource() {
        return resource;
    }

    /** The namespace watched, empty for all. */
    String namespace() {
        return namespace;
    }

    /** {@code ingressroutes.traefik.io in shop}, for messages and bookkeeping. */
    String id() {
        return id;
    }

    void start() {
        informer.run();
    }

    void stop() {
        stopped = true;
        informer.stop();
    }

    /** Whether the first LIST has been processed. */
    boolean hasSynced() {
        return informer.hasSynced();
    }

    /** The informer's current objects. */
    List<DynamicKubernetesObject> objects() {
        return cache.list();
    }

    /**
     * A watch stream that reports a 410 Gone event and a broken stream to {@link ApiHealth}; the
     * reflector then re-lists by itself.
     */
    private final class ObservedWatch implements Watchable<DynamicKubernetesObject> {
        private final Watchable<DynamicKubernetesObject> watch;
        private final ApiHealth health;

        ObservedWatch(Watchable<DynamicKubernetesObject> watch, ApiHealth health) {
            this.watch = watch;
            this.health = health;
        }

        @Override
        public boolean hasNext() {
            try {
                return watch.hasNext();
            } catch (RuntimeException e) {
                health.cut(ResourceWatch.this, e);
                throw e;
            }
        }

        @Override
        public Watch.Response<DynamicKubernetesObject> next() {
            Watch.Response<DynamicKubernetesObject> item = watch.next();
            if ("ERROR".equals(item.type) && item.status != null && item.status.getCode() != null
                    && item.status.getCode() == 410) {
                health.expired(ResourceWatch.this);
            }
            return item;
        }

        @Override
        public Iterator<Watch.Response<DynamicKubernetesObject>> iterator() {
            return this;
        }

        @Override
        public void close() throws IOException {
            watch.close();
        }
    }
}
