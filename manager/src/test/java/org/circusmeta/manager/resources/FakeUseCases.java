package org.circusmeta.manager.resources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.circusmeta.manager.command.FanOutResult;
import org.circusmeta.manager.core.Actor;
import org.circusmeta.manager.core.AddResult;
import org.circusmeta.manager.core.AddWatcher;
import org.circusmeta.manager.core.Change;
import org.circusmeta.manager.core.ApplyState;
import org.circusmeta.manager.core.Changes;
import org.circusmeta.manager.core.DrainNode;
import org.circusmeta.manager.core.NodeChange;
import org.circusmeta.manager.core.NodeChangeResult;
import org.circusmeta.manager.core.NodeResult;
import org.circusmeta.manager.core.Operation;
import org.circusmeta.manager.core.OperationResult;
import org.circusmeta.manager.core.RawCommand;
import org.circusmeta.manager.core.Reads;
import org.circusmeta.manager.core.RollingRestart;
import org.circusmeta.manager.core.RunResult;
import org.circusmeta.manager.core.ScaleResult;
import org.circusmeta.manager.core.ScaleWatcher;
import org.circusmeta.manager.core.TestOperations;
import org.circusmeta.manager.core.UseCases;
import org.circusmeta.manager.core.WatcherCommand;
import org.circusmeta.manager.core.WatcherListing;
import org.circusmeta.manager.nodes.NodeLoad;
import org.circusmeta.manager.nodes.NodeOutcome;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.watchers.Instances;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;
import org.circusmeta.registration.record.NodeRecord;

/**
 * The use-case layer as a resource sees it, answering what the test set: each resource is tested
 * alone, over this fake. It keeps every change asked, with who asked it. Thread-safe.
 */
final class FakeUseCases implements Changes, Reads {
    static final TestOperations OPERATIONS = new TestOperations();
    final List<Change> asked = new CopyOnWriteArrayList<>();
    final List<Actor> actors = new CopyOnWriteArrayList<>();
    volatile AddResult added = new AddResult.Added("w", "web-01", "named in the request", Reply.ok().build());
    volatile RunResult ran = ranOn("web-01");
    volatile ScaleResult scaled = new ScaleResult.Scaled("w", Instances.of(2), List.of(), List.of("web-02"), List.of("web-01"),
            List.of());
    volatile NodeChangeResult changed = new NodeChangeResult.Changed("web-01", "done");
    /** What a rolling restart answers; by default an operation already over, done on web-01. */
    volatile OperationResult rolled = new OperationResult.Started(OPERATIONS.doneOn("web-01"));
    /** What a drain answers; by default an operation already over, web-01's watchers moved. */
    volatile OperationResult drained = new OperationResult.Started(OPERATIONS.drained("web-01", "api", "web"));
    /** What an apply answers; by default a dry run of two adds. */
    volatile OperationResult applied = new OperationResult.Started(OPERATIONS.planned("api", "web"));
    volatile NodeResult node;
    volatile List<NodeSummary> nodes = new ArrayList<>();
    volatile List<WatcherListing> watchers = List.of();
    /** When set, every change ends in it, as a registry write that failed does. */
    volatile RuntimeException failing;

    static RunResult.Ran ranOn(String... names) {
        List<NodeOutcome> outcomes = new ArrayList<>();
        for (String name : names) {
            outcomes.add(new NodeOutcome.Answered(name, Reply.ok().put("time", 1795668005.826).build()));
        }
        return new RunResult.Ran(new FanOutResult(outcomes));
    }

    static NodeSummary attached(String name) {
        NodeRecord record = new NodeRecord(name, "tcp://127.0.0.1:45951", Optional.of("tcp://127.0.0.1:44923"),
                Optional.of("tcp://127.0.0.1:39425"), Optional.empty(), "vm", Map.of("zone", "a", "tier", "web"), 1.0, NodeRecord.KIND_NODE,
                "0.19.0", Instant.parse("2026-11-26T04:39:34Z"), CircusJson.object());
        return new NodeSummary(name, NodeState.ATTACHED, true, Optional.of(record), Optional.empty(), new NodeLoad(2, 3, 2.0, 0.032),
                Optional.of(Instant.parse("2026-11-26T04:40:04.854654205Z")), Optional.empty());
    }

    static NodeSummary invalid(String name, String reason) {
        return new NodeSummary(name, NodeState.INVALID, true, Optional.empty(), Optional.of(reason), NodeLoad.UNKNOWN,
                Optional.empty(), Optional.empty());
    }

    /** This fake as the layer a door calls, waiting a second for the nodes. */
    UseCases layer() {
        return new UseCases(this, this, Duration.ofSeconds(1));
    }

    @Override
    public CompletableFuture<AddResult> add(Actor actor, AddWatcher add, Duration within) {
        return asked(actor, add, added);
    }

    @Override
    public CompletableFuture<ScaleResult> scale(Actor actor, ScaleWatcher scale, Duration within) {
        return asked(actor, scale, scaled);
    }

    @Override
    public CompletableFuture<RunResult> onWatcher(Actor actor, WatcherCommand command, Duration within) {
        return asked(actor, command, ran);
    }

    @Override
    public CompletableFuture<RunResult> run(Actor actor, RawCommand command, Duration within) {
        return asked(actor, command, ran);
    }

    @Override
    public CompletableFuture<NodeChangeResult> change(Actor actor, NodeChange change) {
        return asked(actor, change, changed);
    }

    @Override
    public CompletableFuture<OperationResult> restartRolling(Actor actor, RollingRestart restart, Duration within) {
        return asked(actor, restart, rolled);
    }

    @Override
    public CompletableFuture<OperationResult> drain(Actor actor, DrainNode drain) {
        return asked(actor, drain, drained);
    }

    @Override
    public CompletableFuture<OperationResult> apply(Actor actor, ApplyState apply, Duration within) {
        return asked(actor, apply, applied);
    }

    private <R> CompletableFuture<R> asked(Actor actor, Change change, R result) {
        actors.add(actor);
        asked.add(change);
        return failing == null ? CompletableFuture.completedFuture(result) : CompletableFuture.failedFuture(failing);
    }

    @Override
    public List<NodeSummary> nodes() {
        return nodes;
    }

    @Override
    public boolean isRegistered(String name) {
        return nodes.stream().anyMatch(n -> n.name().equals(name));
    }

    @Override
    public CompletableFuture<NodeResult> node(String name, Duration within) {
        return CompletableFuture.completedFuture(node);
    }

    @Override
    public CompletableFuture<List<WatcherListing>> watchers(Duration within) {
        return CompletableFuture.completedFuture(watchers);
    }

    @Override
    public Optional<Operation> operation(String id) {
        return OPERATIONS.find(id);
    }

    @Override
    public List<Operation> operations() {
        return OPERATIONS.all();
    }
}
