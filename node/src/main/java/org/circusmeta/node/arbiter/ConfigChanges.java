package org.circusmeta.node.arbiter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.node.config.WatcherSpec;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.node.watcher.WatcherRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code reloadconfig} does to the watchers, as circusd does it: those gone from the ini (including
 * watchers added with {@code add}) stopped and dropped, new ones added and started, changed ones
 * replaced, a change of {@code numprocesses} alone applied in place.
 *
 * <p>Confined to the node's loop thread.
 */
final class ConfigChanges {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigChanges.class);

    private final WatcherRuntime runtime;
    private final List<Watcher> watchers;

    ConfigChanges(WatcherRuntime runtime, List<Watcher> watchers) {
        this.runtime = runtime;
        this.watchers = watchers;
    }

    CompletableFuture<Void> apply(NodeConfig next) {
        Map<String, WatcherSpec> wanted = next.watchers().stream()
                .collect(Collectors.toMap(s -> key(s.name()), Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (Watcher w : List.copyOf(watchers)) {
            WatcherSpec spec = wanted.remove(key(w.name()));
            if (spec == null) {
                LOG.info("reloadconfig: watcher {} is no longer configured; stopping and dropping it", w.name());
                work.add(w.stop().thenRun(() -> drop(w)));
            } else if (spec.equals(w.configured())) {
                continue;
            } else if (spec.sameButNumprocesses(w.configured())) {
                w.reconfigure(spec);
            } else {
                LOG.info("reloadconfig: watcher {} changed; replacing it", w.name());
                work.add(w.stop().thenCompose(stopped -> replace(w, spec)));
            }
        }
        for (WatcherSpec spec : wanted.values()) {
            LOG.info("reloadconfig: new watcher {}", spec.name());
            Watcher w = new Watcher(spec, runtime);
            watchers.add(w);
            if (spec.autostart()) {
                work.add(w.start());
            }
        }
        runtime.processesChanged().run();
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<?> replace(Watcher old, WatcherSpec spec) {
        Watcher fresh = new Watcher(spec, runtime);
        int at = watchers.indexOf(old);
        if (at < 0) {
            watchers.add(fresh);
        } else {
            watchers.set(at, fresh);
        }
        runtime.processesChanged().run();
        return spec.autostart() ? fresh.start() : CompletableFuture.completedFuture(null);
    }

    private void drop(Watcher w) {
        watchers.remove(w);
        runtime.processesChanged().run();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
