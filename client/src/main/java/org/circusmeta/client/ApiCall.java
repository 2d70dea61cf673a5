package org.circusmeta.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.CommandResults;
import org.circusmeta.api.DrainRequest;
import org.circusmeta.api.EligibilityChanged;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.LogLineView;
import org.circusmeta.api.OperationView;
import org.circusmeta.api.RenameAccepted;
import org.circusmeta.api.RenameRequest;
import org.circusmeta.api.RestartRequest;
import org.circusmeta.api.ScaleRequest;
import org.circusmeta.api.ScaledWatcher;
import org.circusmeta.api.StatsView;
import org.circusmeta.api.WatcherView;

/**
 * One call of the manager's HTTP API, as data: its method and path (query included), its body when it
 * has one (JSON, but for an apply's file), and the type its answer is read as. Each factory here is one row of the README's
 * API table; {@link ManagerClient} sends them.
 *
 * @param <T> what a successful answer is read as
 */
public record ApiCall<T>(String method, String path, Optional<String> body, Type answer, String contentType) {
    static final String JSON = "application/json";

    /** A call whose body, when it has one, is JSON. */
    public ApiCall(String method, String path, Optional<String> body, Type answer) {
        this(method, path, body, answer, JSON);
    }

    public static ApiCall<List<NodeView>> nodes() {
        return get("/api/nodes", RecordJson.listOf(NodeView.class));
    }

    /** One node, with its watchers when it could be asked. */
    public static ApiCall<NodeView> node(String name) {
        return get("/api/nodes/" + Http.segment(name), NodeView.class);
    }

    public static ApiCall<RenameAccepted> rename(String node, String newName) {
        return post("/api/nodes/" + Http.segment(node) + "/rename", new RenameRequest(newName), RenameAccepted.class);
    }

    /** No new placement on the node until {@link #uncordon}. */
    public static ApiCall<EligibilityChanged> cordon(String node) {
        return new ApiCall<>("POST", "/api/nodes/" + Http.segment(node) + "/cordon", Optional.of(""),
                EligibilityChanged.class);
    }

    public static ApiCall<EligibilityChanged> uncordon(String node) {
        return new ApiCall<>("POST", "/api/nodes/" + Http.segment(node) + "/uncordon", Optional.of(""),
                EligibilityChanged.class);
    }

    /**
     * Cordons the node and moves its cluster watchers elsewhere: answered once it is over, with every
     * watcher's result; {@link ManagerClient#follow} streams it as it goes.
     */
    public static ApiCall<OperationView> drain(String node, DrainRequest request) {
        return post("/api/nodes/" + Http.segment(node) + "/drain", request, OperationView.class);
    }

    /**
     * Makes the cluster watchers what the file says (YAML or JSON, as written): the plan only with {@code
     * dryRun}; the cluster watchers the file does not name removed with {@code prune}.
     */
    public static ApiCall<OperationView> apply(String file, boolean dryRun, boolean prune) {
        Optional<String> yes = Optional.of("true");
        return new ApiCall<>("POST", "/api/apply" + Http.query(Map.of("dry_run", dryRun ? yes : Optional.empty(),
                "prune", prune ? yes : Optional.empty())), Optional.of(file), OperationView.class, "application/yaml");
    }

    public static ApiCall<CommandResults> command(CommandRequest request) {
        return post("/api/command", request, CommandResults.class);
    }

    public static ApiCall<List<WatcherView>> watchers() {
        return get("/api/watchers", RecordJson.listOf(WatcherView.class));
    }

    public static ApiCall<AddedWatcher> add(AddWatcherRequest request) {
        return post("/api/watchers", request, AddedWatcher.class);
    }

    /** Changes how many copies of a cluster watcher run: {@code InstancesValue.of(K)} or {@code InstancesValue.all()}. */
    public static ApiCall<ScaledWatcher> scale(String watcher, JsonNode instances) {
        return new ApiCall<>(Http.PATCH, "/api/watchers/" + Http.segment(watcher),
                Optional.of(RecordJson.write(new ScaleRequest(instances))), ScaledWatcher.class);
    }

    /** Removes the watcher from {@code node}, or from every node that has it (202 with {@code pending}: the rest later). */
    public static ApiCall<CommandResults> remove(String watcher, Optional<String> node) {
        return new ApiCall<>("DELETE", "/api/watchers/" + Http.segment(watcher) + Http.query(Map.of("node", node)),
                Optional.empty(), CommandResults.class);
    }

    /** Acts on the watcher on {@code node}, or on every node that has it; {@code nb} for incr and decr. */
    public static ApiCall<CommandResults> act(String watcher, WatcherAction action, Optional<String> node, OptionalInt nb) {
        Optional<String> count = nb.isPresent() ? Optional.of(Integer.toString(nb.getAsInt())) : Optional.empty();
        return new ApiCall<>("POST", "/api/watchers/" + Http.segment(watcher) + "/" + action.command()
                + Http.query(Map.of("node", node, "nb", count)), Optional.of(""), CommandResults.class);
    }

    /**
     * A rolling restart (the request's {@code rolling} true): answered once it is over, with every node's
     * result; {@link ManagerClient#follow} streams it as it goes.
     */
    public static ApiCall<OperationView> restart(String watcher, RestartRequest request) {
        return post("/api/watchers/" + Http.segment(watcher) + "/restart", request, OperationView.class);
    }

    /** A long-running operation of the replica asked, by id. */
    public static ApiCall<OperationView> operation(String id) {
        return get("/api/operations/" + Http.segment(id), OperationView.class);
    }

    public static ApiCall<List<OperationView>> operations() {
        return get("/api/operations", RecordJson.listOf(OperationView.class));
    }

    /**
     * The last {@code lines} lines that {@code watcher}'s processes wrote on each node that has it, or on
     * {@code node}, merged oldest first.
     */
    public static ApiCall<List<LogLineView>> logs(String watcher, Optional<String> node, int lines) {
        return get("/api/logs" + Http.query(Map.of("watcher", Optional.of(watcher), "node", node,
                "tail", Optional.of(Integer.toString(lines)))), RecordJson.listOf(LogLineView.class));
    }

    public static ApiCall<StatsView> stats() {
        return get("/api/stats", StatsView.class);
    }

    /** {@code GET /api/nodes}, as a person reads it in a message. */
    public String describe() {
        return method + " " + path;
    }

    private static <T> ApiCall<T> get(String path, Type answer) {
        return new ApiCall<>("GET", path, Optional.empty(), answer);
    }

    private static <T> ApiCall<T> post(String path, Record body, Type answer) {
        return new ApiCall<>("POST", path, Optional.of(RecordJson.write(body)), answer);
    }
}
