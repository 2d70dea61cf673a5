package org.circusmeta.registration.logs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.logs.LogsEndpoint;
import org.circusmeta.protocol.logs.LogsOptions;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.protocol.stream.CircusSubscriber;
import org.circusmeta.protocol.stream.WatcherEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logs of a real circusd, served by its agent on a logs endpoint of its own (docs/logs.md): it
 * asks circusd for its watchers ({@code list}) and where each writes its output ({@code options}),
 * follows the files of those with a stream of the {@code FileStream} family, and says of the others
 * why their output cannot be read and the two ini lines that fix it. It asks again when circusd
 * announces a watcher added, removed or changed ({@code add}, {@code remove}, {@code updated} on its
 * pubsub socket) and every {@link Settings#rescan()} in any case, so watchers added at run time are
 * followed too.
 *
 * <p>Threading: thread-safe. The endpoint, the circusd client and the event subscriber live on the
 * given {@link SocketLoop}; the files are read on a thread of its own ({@code register-logs}), every
 * {@link Settings#poll()}. Lifecycle: no I/O in the constructor; {@link #start()} binds the endpoint
 * (a second call throws) and returns at once, without waiting for circusd; {@link #close()} is
 * idempotent.
 */
public final class CircusdLogs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CircusdLogs.class);
    private static final Duration AFTER_EVENT = Duration.ofMillis(200);

    /**
     * What to serve and where.
     *
     * @param controlEndpoint circusd's control endpoint, as this host reaches it
     * @param pubsubEndpoint its events endpoint, as this host reaches it; empty: rescans only
     * @param logsEndpoint where to bind the logs endpoint (port 0: any free port)
     * @param circusIni the circus.ini, read for the class of the streams that write no file
     * @param options how much to keep of each watcher
     * @param poll how often the files are read
     * @param rescan how often circusd is asked for its watchers, events or not
     */
    public record Settings(String controlEndpoint, Optional<String> pubsubEndpoint, String logsEndpoint,
            Optional<Path> circusIni, LogsOptions options, Duration poll, Duration rescan) {
        public Settings {
            Objects.requireNonNull(controlEndpoint, "controlEndpoint");
            Objects.requireNonNull(pubsubEndpoint, "pubsubEndpoint");
            Objects.requireNonNull(logsEndpoint, "logsEndpoint");
            Objects.requireNonNull(circusIni, "circusIni");
            Objects.requireNonNull(options, "options");
        }

        /** Files read every 200 ms, circusd asked every 30 s. */
        public static Settings of(String controlEndpoint, Optional<String> pubsubEndpoint, String logsEndpoint,
                Optional<Path> circusIni) {
            return new Settings(controlEndpoint, pubsubEndpoint, logsEndpoint, circusIni, LogsOptions.DEFAULTS,
                    Duration.ofMillis(200), Duration.ofSeconds(30));
        }
    }

    private enum State { NEW, RUNNING, CLOSED }

    private final SocketLoop loop;
    private final Settings settings;
    private final LogsEndpoint logs;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final AtomicBoolean rescanQueued = new AtomicBoolean();
    private final AtomicBoolean scanning = new AtomicBoolean();
    private final AtomicBoolean warnedSilent = new AtomicBoolean();
    private volatile ScheduledExecutorService tailThread;
    private volatile FileTails tails;
    private volatile CircusClient client;
    private volatile CircusSubscriber events;

    public CircusdLogs(SocketLoop loop, Settings settings) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.logs = new LogsEndpoint(loop, settings.logsEndpoint(), "circusmeta-register", settings.options());
    }

    /**
     * Binds the logs endpoint and starts following circusd.
     *
     * @return the endpoint bound (port 0 becomes the port chosen)
     * @throws CircusException when the endpoint cannot be bound, saying which
     */
    public String start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("the circusd logs were already started");
        }
        String bound = logs.start();
        tails = new FileTails(logs, settings.options().keepBytes(), settings.circusIni());
        tailThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "register-logs");
            t.setDaemon(true);
            return t;
        });
        tailThread.scheduleWithFixedDelay(this::pollQuietly, 0, settings.poll().toMillis(), TimeUnit.MILLISECONDS);
        tailThread.scheduleWithFixedDelay(this::rescan, 0, settings.rescan().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("serving the output of circusd's watchers at {}", bound);
        return bound;
    }

    public String boundEndpoint() {
        return logs.boundEndpoint();
    }

    public LogsEndpoint.Counters counters() {
        return logs.counters();
    }

    /** Asks circusd for its watchers and their streams now (also done on events and every rescan). */
    public void rescan() {
        if (state.get() != State.RUNNING || !scanning.compareAndSet(false, true)) {
            return;
        }
        try {
            CircusClient c = connected();
            if (c == null) {
                scanning.set(false);
                return;
            }
            scan(c).whenComplete((options, error) -> {
                scanning.set(false);
                if (error != null) {
                    silent(error);
                } else {
                    warnedSilent.set(false);
                    onTailThread(() -> tails.apply(options));
                }
            });
        } catch (RuntimeException e) {
            scanning.set(false);
            silent(e);
        }
    }

    /** {@code list}, then {@code options} of each watcher: completes on the loop thread. */
    private static CompletableFuture<Map<String, JsonNode>> scan(CircusClient c) {
        return c.call(Request.of("list")).thenCompose(list -> {
            List<String> names = new ArrayList<>();
            list.get("watchers").forEach(n -> names.add(n.asText()));
            List<CompletableFuture<Reply>> calls = names.stream()
                    .map(n -> c.call(Request.of("options", Map.of("name", n)))).toList();
            return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(v -> {
                Map<String, JsonNode> out = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    Reply r = calls.get(i).join();
                    if (r.isOk()) {
                        out.put(names.get(i), r.get("options"));
                    }
                }
                return out;
            });
        });
    }

    /** The circusd client and the event subscriber, opened when they can be (a host name may not resolve yet). */
    private CircusClient connected() {
        if (client == null) {
            CircusClient c = new CircusClient(loop, settings.controlEndpoint());
            c.start();
            client = c;
        }
        if (events == null && settings.pubsubEndpoint().isPresent()) {
            CircusSubscriber s = CircusSubscriber.events(loop, settings.pubsubEndpoint().get(), this::onEvent);
            s.start();
            events = s;
        }
        return client;
    }

    private void onEvent(WatcherEvent e) {
        if (e.event().equals("add") || e.event().equals("remove") || e.event().equals("updated")) {
            if (rescanQueued.compareAndSet(false, true)) {
                loop.schedule(AFTER_EVENT, () -> {
                    rescanQueued.set(false);
                    onTailThread(this::rescan);
                });
            }
        }
    }

    private void silent(Throwable error) {
        // The registrar says already, and why, when circusd cannot be reached: one line here, no repetition.
        if (warnedSilent.compareAndSet(false, true)) {
            LOG.info("the output of circusd's watchers is served once circusd at {} answers 'list'",
                    settings.controlEndpoint());
        }
        LOG.debug("asking circusd at {} for its watchers failed", settings.controlEndpoint(), error);
    }

    private void pollQuietly() {
        try {
            tails.poll();
        } catch (RuntimeException e) {
            LOG.error("reading the watchers' files failed; reading goes on at the next poll", e);
        }
    }

    private void onTailThread(Runnable task) {
        try {
            tailThread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("following circusd's watchers failed; it is tried again at the next scan", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.trace("the circusd logs are closed");
        }
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        tailThread.shutdownNow();
        try {
            tailThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tails.close();
        if (events != null) {
            events.close();
        }
        if (client != null) {
            client.close();
        }
        logs.close();
    }
}
