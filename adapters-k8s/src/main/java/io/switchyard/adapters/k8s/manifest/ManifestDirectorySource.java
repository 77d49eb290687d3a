package io.switchyard.adapters.k8s.manifest;

import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.KubeObject;
import io.switchyard.ports.discovery.ClusterSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A {@link ClusterSource} over a folder of manifests: every {@code *.yaml} and {@code *.yml} file
 * directly in the folder (not in sub-folders; names starting with {@code .} are skipped, so editor
 * swap files do not count), read in name order.
 *
 * <p>The folder is polled (default every second) by comparing a digest of the file names and
 * contents, which catches edits, atomic renames and deletions alike on any file system. A change
 * is debounced: the source waits until the folder has been stable for one short interval before
 * reading it, so a burst of writes yields one snapshot. When any file is malformed the source
 * reports {@code file:line: problem} through {@code onError} and keeps the last good snapshot. A
 * snapshot equal to the last one delivered is not delivered again.
 */
public final class ManifestDirectorySource implements ClusterSource {
    private static final System.Logger LOG = System.getLogger(ManifestDirectorySource.class.getName());

    /** Default period between polls. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    private final Path directory;
    private final Duration pollInterval;
    private final Duration settleInterval;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread poller;

    private byte[] lastDigest = new byte[0];
    private ClusterSnapshot lastSnapshot;

    /** A source polling {@code directory} every second. */
    public ManifestDirectorySource(Path directory) {
        this(directory, DEFAULT_POLL_INTERVAL);
    }

    /**
     * A source polling {@code directory} every {@code pollInterval}.
     *
     * @throws IllegalArgumentException when the interval is not positive
     */
    public ManifestDirectorySource(Path directory, Duration pollInterval) {
        this.directory = Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (!pollInterval.isPositive()) {
            throw new IllegalArgumentException("pollInterval: " + pollInterval + " (expected: > 0)");
        }
        this.pollInterval = pollInterval;
        Duration quarter = pollInterval.dividedBy(4);
        this.settleInterval = quarter.compareTo(Duration.ofMillis(250)) > 0 ? Duration.ofMillis(250) : quarter;
    }

    /** The folder this source reads. */
    public Path directory() {
        return directory;
    }

    /**
     * Reads the folder once, delivers the first snapshot (or error) on the calling thread, then
     * starts polling on a daemon thread.
     *
     * @throws IllegalStateException when started twice
     */
    @Override
    public void start(SnapshotListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        poll(listener);
        poller = Thread.ofPlatform().daemon().name("manifests-" + directory.getFileName()).start(() -> {
            while (!closed.get()) {
                try {
                    Thread.sleep(pollInterval);
                    poll(listener);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // A listener failure must not stop the watch.
                    LOG.log(System.Logger.Level.WARNING, "manifest poll failed", e);
                }
            }
        });
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Thread t = poller;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    private void poll(SnapshotListener listener) {
        Contents contents;
        try {
            contents = read();
            if (!Arrays.equals(contents.digest, lastDigest) && lastSnapshot != null) {
                // Debounce: wait until the folder stops changing before parsing it.
                while (true) {
                    Thread.sleep(settleInterval);
                    Contents again = read();
                    if (Arrays.equals(again.digest, contents.digest)) {
                        break;
                    }
                    contents = again;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (UncheckedIOException e) {
            if (!Arrays.equals(lastDigest, ERROR_DIGEST)) {
                lastDigest = ERROR_DIGEST;
                listener.onError(e.getMessage());
            }
            return;
        }
        if (Arrays.equals(contents.digest, lastDigest)) {
            return;
        }
        lastDigest = contents.digest;
        List<KubeObject> objects = new ArrayList<>();
        try {
            for (FileText file : contents.files) {
                objects.addAll(ManifestLoader.parse(file.text, file.path.toString()));
            }
        } catch (ManifestException e) {
            listener.onError(e.getMessage() + " (keeping the previous configuration)");
            return;
        }
        ClusterSnapshot snapshot = new ClusterSnapshot(objects);
        if (!snapshot.equals(lastSnapshot)) {
            lastSnapshot = snapshot;
            listener.onSnapshot(snapshot);
        }
    }

    private static final byte[] ERROR_DIGEST = {0};

    private record FileText(Path path, String text) {
    }

    private record Contents(List<FileText> files, byte[] digest) {
    }

    private Contents read() {
        List<Path> paths;
        try (Stream<Path> entries = Files.list(directory)) {
            paths = entries.filter(ManifestDirectorySource::isManifest).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list manifest folder " + directory + ": " + e.getMessage(), e);
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        List<FileText> files = new ArrayList<>();
        for (Path path : paths) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                continue; // deleted between listing and reading; the next poll sees the new state
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
            digest.update(path.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(bytes);
            digest.update((byte) 0);
            files.add(new FileText(path, new String(bytes, StandardCharsets.UTF_8)));
        }
        return new Contents(files, digest.digest());
    }

    private static boolean isManifest(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(path);
    }
}
