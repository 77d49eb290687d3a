package io.switchyard.server.admin;

import io.switchyard.ports.runtime.CompletedExchange;
import io.switchyard.ports.runtime.TrafficObserver;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes one line per request, in Traefik's common log format or as JSON with Traefik's field names.
 *
 * <p>A request never waits for the log: {@link #completed} only offers the exchange to a bounded
 * queue; a virtual thread formats and writes. When the queue is full the line is dropped and
 * counted ({@link #dropped()}), as a slow disk must not slow traffic down.
 */
public final class AccessLog implements TrafficObserver, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AccessLog.class.getName());
    private static final Pending STOP = new Pending(null, 0, Instant.EPOCH);

    private final BlockingQueue<Pending> queue;
    private final OutputStream out;
    private final boolean closeOut;
    private final AccessLogFormat format;
    private final InstantSource clock;
    private final AtomicLong requestCount = new AtomicLong();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final Thread writer;
    private volatile boolean closed;
    private volatile boolean failed;

    private record Pending(CompletedExchange exchange, long requestCount, Instant end) {
    }

    AccessLog(OutputStream out, boolean closeOut, AccessLogSettings.Format format, int capacity,
              InstantSource clock, ZoneId zone) {
        this.out = Objects.requireNonNull(out, "out");
        this.closeOut = closeOut;
        this.format = new AccessLogFormat(format, zone);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofVirtual().name("access-log").start(this::drain);
    }

    /**
     * Opens the access log {@code settings} describe: appends to its file (created with its
     * folders when missing), or writes to standard output.
     *
     * @throws UncheckedIOException when the file cannot be opened
     */
    public static AccessLog open(AccessLogSettings settings, InstantSource clock) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("access log: disabled (expected: enabled settings)");
        }
        OutputStream out;
        boolean close;
        if (settings.file().isPresent()) {
            Path file = settings.file().get().toAbsolutePath();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                out = new FileOutputStream(file.toFile(), true);
            } catch (IOException e) {
                throw new UncheckedIOException("access log: cannot open " + file + ": " + e.getMessage(), e);
            }
            close = true;
        } else {
            // Standard output by descriptor: the log's own buffer, without PrintStream's locking.
            out = new FileOutputStream(FileDescriptor.out);
            close = false;
        }
        return new AccessLog(new BufferedOutputStream(out, 64 * 1024), close, settings.format(),
                settings.bufferSize(), clock, ZoneId.systemDefault());
    }

    @Override
    public void completed(CompletedExchange exchange) {
        long n = requestCount.incrementAndGet();
        if (closed || failed || !queue.offer(new Pending(exchange, n, clock.instant()))) {
            dropped.increment();
        }
    }

    /** Lines dropped because the writer could not keep up (or the log was closed). */
    public long dropped() {
        return dropped.sum();
    }

    /** Lines written so far. */
    public long written() {
        return written.sum();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>(256);
        StringBuilder line = new StringBuilder(512);
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, 1023);
                for (Pending p : batch) {
                    if (p == STOP) {
                        out.flush();
                        return;
                    }
                    line.setLength(0);
                    format.append(line, p.exchange(), p.requestCount(), p.end());
                    out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                    written.increment();
                }
                batch.clear();
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "access log: writing failed, no more lines will be written", e);
            failed = true;
        }
    }

    /** Writes what is queued, then closes the file (never standard output). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failed || !queue.offer(STOP, 5, TimeUnit.SECONDS) || !writer.join(Duration.ofSeconds(5))) {
                writer.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (closeOut) {
                out.close();
            } else {
                out.flush();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "access log: closing failed", e);
        }
    }
}
