package org.circusmeta.registration.registrar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/** What an observer sees happen to one znode, each event with the time it arrived; the listener only records. */
final class ZnodeEvents implements AutoCloseable {
    /** One creation, change or deletion; {@code owner} and {@code text} are those of the znode after it (0 and "" when deleted). */
    record Event(long nanos, CuratorCacheListener.Type type, long owner, String text) {}

    private final CuratorCache cache;
    private final List<Event> events = new CopyOnWriteArrayList<>();

    private ZnodeEvents(CuratorCache cache) {
        this.cache = cache;
    }

    /** Starts recording; returns once the cache has read the znode (its current state is the first event, if it exists). */
    static ZnodeEvents record(CuratorFramework observer, String path) {
        CuratorCache cache = CuratorCache.build(observer, path, CuratorCache.Options.SINGLE_NODE_CACHE);
        ZnodeEvents recorder = new ZnodeEvents(cache);
        CountDownLatch initialized = new CountDownLatch(1);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> recorder.add(type, type == CuratorCacheListener.Type.NODE_DELETED
                        ? Optional.empty() : Optional.ofNullable(after)))
                .forInitialized(initialized::countDown)
                .build());
        cache.start();
        try {
            if (!initialized.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the observer's cache of " + path + " did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return recorder;
    }

    private void add(CuratorCacheListener.Type type, Optional<ChildData> after) {
        events.add(new Event(System.nanoTime(), type, after.map(d -> d.getStat().getEphemeralOwner()).orElse(0L),
                after.map(d -> new String(d.getData(), StandardCharsets.UTF_8)).orElse("")));
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** The first creation by the session, if seen. */
    Optional<Event> createdBy(long session) {
        return events.stream().filter(e -> e.type() == CuratorCacheListener.Type.NODE_CREATED && e.owner() == session)
                .findFirst();
    }

    /** How long the znode was gone before that creation: from the deletion just before it. */
    Duration gapBefore(Event created) {
        List<Event> all = events();
        for (int i = all.indexOf(created) - 1; i >= 0; i--) {
            if (all.get(i).type() == CuratorCacheListener.Type.NODE_DELETED) {
                return Duration.ofNanos(created.nanos() - all.get(i).nanos());
            }
        }
        throw new AssertionError("no deletion before " + created + " in " + all);
    }

    @Override
    public void close() {
        cache.close();
    }
}
