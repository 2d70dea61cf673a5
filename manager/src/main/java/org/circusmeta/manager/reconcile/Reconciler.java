package org.circusmeta.manager.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Optional;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.circusmeta.manager.command.FanOut;
import org.circusmeta.manager.lifecycle.Component;
import org.circusmeta.manager.lifecycle.Lifecycle;
import org.circusmeta.manager.nodes.ConnectionListener;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.registry.CoalescedRebuild;
import org.circusmeta.manager.registry.NodeDirectory;
import org.circusmeta.manager.registry.RegistryWatch;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's reconciliation of cluster watchers (docs/placement.md): on its own thread, every
 * {@code reconcileInterval}, at once when the registry changes or leadership is gained, and when a
 * lost node's {@code rescheduleAfter} runs out, it takes one picture (records, registry, what the
 * nodes concerned run), decides from it ({@link ReconcilePlan}) and carries the decisions out
 * ({@link Reconciliation}). On a replica that does not lead, a pass does nothing.
 *
 * <p>Thread-safe: callbacks only ask for a pass; passes run on the reconciler thread, one at a time,
 * and catch everything, so that one failure never stops the later passes.
 */
public final class Reconciler implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final Request LIST = Request.of("list");

    private final Parts parts;
    private final ScheduledExecutorService thread;
    private final CoalescedRebuild passes;
    private final Lifecycle lifecycle = new Lifecycle("the reconciler");

    // Reconciler-thread state.
    private Map<String, Instant> missingSince = Map.of();
    private ScheduledFuture<?> nextDeadline;

    /** What the reconciler works with. */
    public record Parts(RegistryWatch registry, ClusterRecords records, Departures departures, ReschedulingValve valve,
            Leadership leadership, NodeConnections connections, FanOut fanOut, Copies copies, LoadBalance balance,
            Duration rescheduleAfter, Duration interval) {}

    public Reconciler(Parts parts, ScheduledExecutorService thread) {
        this.parts = parts;
        this.thread = thread;
        this.passes = new CoalescedRebuild(thread, () -> pass(false, line -> {}));
    }

    @Override
    public void start() {
        lifecycle.start();
        parts.leadership().addListener(this::requestPass);
        parts.valve().whenResumed(this::requestPass);
        parts.registry().addListener((previous, current) -> requestPass());
        parts.connections().addListener(new ConnectionListener() {
            @Override
            public void stateChanged(String node, NodeState from, NodeState to) {
                if (to == NodeState.ATTACHED) {
                    requestPass();
                }
            }
        });
        long every = parts.interval().toMillis();
        thread.scheduleWithFixedDelay(this::requestPass, every, every, TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass soon; many requests before it starts make one pass. */
    public void requestPass() {
        if (!lifecycle.isClosed()) {
            passes.request();
        }
    }

    /**
     * Re-places now (the {@code rebalance} task): moves off lost nodes without waiting, and moves
     * that even the load out. @return the decisions, in words; empty when this replica does not lead
     */
    public List<String> rebalance(Duration timeout) {
        List<String> said = new ArrayList<>();
        Future<?> done = thread.submit(() -> pass(true, line -> {
            synchronized (said) {
                said.add(line);
            }
        }));
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            said.add("the rebalance did not finish within " + timeout.toSeconds() + " s; it goes on, and the log tells the rest");
        }
        synchronized (said) {
            return List.copyOf(said);
        }
    }

    private void pass(boolean rebalance, Consumer<String> said) {
        try {
            if (lifecycle.isClosed() || !parts.leadership().isLeader()) {
                return;
            }
            NodeDirectory directory = parts.registry().current();
            if (!directory.isLoaded()) {
                return;
            }
            reconcile(directory, rebalance, said);
        } catch (RuntimeException e) {
            LOG.error("a reconciliation pass failed; the next pass tries again", e);
        }
    }

    private void reconcile(NodeDirectory directory, boolean rebalance, Consumer<String> said) {
        Instant now = Instant.now();
        SortedMap<String, ClusterRecords.Stored> records = followRenames(parts.records().current(), directory, said);
        Map<String, Set<String>> running = survey(concerned(records, rebalance));
        ReconcilePlan plan = ReconcilePlan.of(new ReconcilePlan.Picture(records, directory.nodes().keySet(),
                directory.cordons().keySet(), running,
                node -> parts.departures().goneSince(node, directory), missingSince, now, parts.rescheduleAfter(),
                grace(), rebalance));
        missingSince = plan.missingSince();
        Reconciliation act = new Reconciliation(parts.copies(), parts.records(), parts.balance().placer(), parts.fanOut(),
                said, now);
        boolean mayPlace = parts.valve().paused().isEmpty();
        if (!mayPlace && plan.records().stream().anyMatch(ReconcilePlan.ForRecord::reschedules)) {
            said.accept("rescheduling is paused: " + parts.valve().describe(parts.valve().paused().get()));
        }
        for (ReconcilePlan.ForRecord forRecord : plan.records()) {
            if (!parts.leadership().isLeader()) {
                return;
            }
            act.carryOut(forRecord, mayPlace);
        }
        if (rebalance && mayPlace && parts.leadership().isLeader()) {
            parts.balance().even(running, act, said);
        }
        scheduleNextPass(records, directory, act.retries());
    }

    /** Copies on a node that came back under another name at its endpoint are that node's now. */
    private SortedMap<String, ClusterRecords.Stored> followRenames(SortedMap<String, ClusterRecords.Stored> records,
            NodeDirectory directory, Consumer<String> said) {
        SortedMap<String, ClusterRecords.Stored> followed = new TreeMap<>(records);
        for (ClusterRecords.Stored stored : records.values()) {
            ClusterRecords.Stored s = stored;
            Set<String> named = new TreeSet<>(s.record().nodes());
            named.addAll(s.record().movedFrom());
            for (String node : named) {
                Optional<String> renamed = parts.departures().renamedTo(node, directory);
                if (s != null && renamed.isPresent()) {
                    s = parts.copies().rename(s, node, renamed.get()).orElse(null);
                    said.accept("node " + node + " is " + renamed.get() + " now (the same endpoint): cluster watcher "
                            + stored.record().name() + (s == null ? " changed meanwhile; the next pass follows the rename"
                                    : " follows it"));
                }
            }
            if (s == null) {
                followed.remove(stored.record().key());
            } else {
                followed.put(s.record().key(), s);
            }
        }
        return followed;
    }

    /** An add in flight may take the command timeout; a record is not re-added before a pass after that. */
    private Duration grace() {
        return parts.connections().settings().commandTimeout().plus(parts.interval());
    }

    /** The attached nodes the records name, and those they were moved off; every attached node for a rebalance. */
    private Set<String> concerned(SortedMap<String, ClusterRecords.Stored> records, boolean rebalance) {
        Set<String> attached = new HashSet<>();
        for (NodeSummary node : parts.connections().summaries()) {
            if (node.state() == NodeState.ATTACHED) {
                attached.add(node.name());
            }
        }
        if (rebalance || records.values().stream().anyMatch(s -> s.record().instances().isEvery())) {
            return attached;
        }
        Set<String> named = new HashSet<>();
        for (ClusterRecords.Stored stored : records.values()) {
            named.addAll(stored.record().nodes());
            named.addAll(stored.record().movedFrom());
        }
        named.retainAll(attached);
        return named;
    }

    private Map<String, Set<String>> survey(Set<String> nodes) {
        Map<String, Set<String>> running = new HashMap<>();
        if (nodes.isEmpty()) {
            return running;
        }
        for (NodeOutcome outcome : parts.fanOut().run(LIST, nodes, parts.fanOut().defaultDeadline()).join().outcomes()) {
            if (outcome.answer().filter(r -> !r.isError()).isPresent()) {
                Reply reply = outcome.answer().get();
                Set<String> names = new HashSet<>();
                reply.get("watchers").forEach(n -> names.add(n.asText().toLowerCase(Locale.ROOT)));
                running.put(outcome.node(), names);
            }
        }
        return running;
    }

    /**
     * A pass when the next lost node's time runs out, or a watcher's back-off ends, so that its copies
     * are placed on time whatever the interval.
     */
    private void scheduleNextPass(SortedMap<String, ClusterRecords.Stored> records, NodeDirectory directory,
            List<Instant> retries) {
        Instant next = null;
        List<Instant> due = new ArrayList<>(retries);
        for (ClusterRecords.Stored stored : records.values()) {
            for (String node : stored.record().nodes()) {
                parts.departures().goneSince(node, directory).map(since -> since.plus(parts.rescheduleAfter()))
                        .ifPresent(due::add);
            }
        }
        for (Instant at : due) {
            if (at.isAfter(Instant.now()) && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        if (nextDeadline != null) {
            nextDeadline.cancel(false);
            nextDeadline = null;
        }
        if (next != null && !lifecycle.isClosed()) {
            long delay = Duration.between(Instant.now(), next).toMillis() + 5;
            nextDeadline = thread.schedule(this::requestPass, delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        lifecycle.close();
    }
}
