package org.circusmeta.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.CommandResults;
import org.circusmeta.api.DrainRequest;
import org.circusmeta.api.EligibilityChanged;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.api.OperationView;
import org.circusmeta.api.RenameAccepted;
import org.circusmeta.api.RestartRequest;
import org.circusmeta.api.ScaledWatcher;
import org.circusmeta.api.StatsView;
import org.circusmeta.api.WatcherView;

/**
 * The manager's HTTP API, typed: one method per call, the api module's records in and out. A call
 * the manager refuses is a {@link ManagerRefused} (its status and message); a manager that cannot be
 * reached or does not answer in time is a {@link ManagerUnreachable} saying which URL and what to
 * check. {@link #answer} gives the body as it came beside the record; {@link #send} is the wire
 * itself, for a caller that checks status codes and raw bodies.
 *
 * <p>Deadlines: 5 s to connect, 60 s to read by default (a fan-out waits up to the manager's
 * {@code circus.commandTimeout} per step).
 *
 * <p>Immutable; thread-safe (each call is made and read on the caller's thread).
 */
public final class ManagerClient {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final Http http;

    private ManagerClient(Http http) {
        this.http = http;
    }

    /**
     * A client of the manager whose API is at {@code url} ({@code http://HOST:PORT}).
     *
     * @throws IllegalArgumentException when {@code url} is not an http:// or https:// URL with a host
     */
    public static ManagerClient at(String url) {
        return new ManagerClient(new Http(checked(url), Optional.empty(), CONNECT_TIMEOUT, READ_TIMEOUT));
    }

    /** A client of the manager whose API is on this host's loopback at {@code port}. */
    public static ManagerClient onLoopback(int port) {
        return at("http://127.0.0.1:" + port);
    }

    /** The same client, sending {@code token} as its bearer token (none when empty). */
    public ManagerClient withToken(Optional<String> token) {
        return new ManagerClient(http.withToken(token));
    }

    /**
     * The same client, trusting for https only the certificates of the PEM file (the manager's self-signed
     * one, or its authority's); without it, the JDK's trust store.
     *
     * @throws IllegalArgumentException when the file holds no certificate that can be read, saying why
     */
    public ManagerClient trusting(java.nio.file.Path caFile) {
        return new ManagerClient(http.trusting(TrustedCertificates.fromPem(caFile)));
    }

    public ManagerClient withReadTimeout(Duration timeout) {
        return new ManagerClient(http.withReadTimeout(timeout));
    }

    /** The API's base URL, without a trailing slash. */
    public String base() {
        return http.base();
    }

    /** The call's answer: its status, its body as it came, and the body read as the call's record. */
    public <T> Answer<T> answer(ApiCall<T> call) {
        Response response = http.send(call.method(), call.path(), call.body(), call.contentType());
        if (!response.isSuccess()) {
            throw new ManagerRefused(base(), call.describe(), response);
        }
        try {
            return new Answer<>(response.status(), response.body(), RecordJson.read(response.body(), call.answer()),
                    response.warnings());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the manager at " + base() + " answered " + call.describe()
                    + " with JSON this client cannot read (is it another version?): " + e.getMessage(), e);
        }
    }

    public List<NodeView> nodes() {
        return answer(ApiCall.nodes()).value();
    }

    public NodeView node(String name) {
        return answer(ApiCall.node(name)).value();
    }

    public RenameAccepted rename(String node, String newName) {
        return answer(ApiCall.rename(node, newName)).value();
    }

    public EligibilityChanged cordon(String node) {
        return answer(ApiCall.cordon(node)).value();
    }

    public EligibilityChanged uncordon(String node) {
        return answer(ApiCall.uncordon(node)).value();
    }

    /** A drain, followed to its end (so that a long one never meets the read deadline). */
    public OperationView drain(String node, DrainRequest request) {
        return follow(ApiCall.drain(node, request), event -> { });
    }

    /** An apply of a desired-state file (YAML or JSON), followed to its end. */
    public OperationView apply(String file, boolean dryRun, boolean prune) {
        return follow(ApiCall.apply(file, dryRun, prune), event -> { });
    }

    public CommandResults command(CommandRequest request) {
        return answer(ApiCall.command(request)).value();
    }

    public List<WatcherView> watchers() {
        return answer(ApiCall.watchers()).value();
    }

    public AddedWatcher add(AddWatcherRequest request) {
        return answer(ApiCall.add(request)).value();
    }

    public ScaledWatcher scale(String watcher, JsonNode instances) {
        return answer(ApiCall.scale(watcher, instances)).value();
    }

    public CommandResults remove(String watcher, Optional<String> node) {
        return answer(ApiCall.remove(watcher, node)).value();
    }

    public CommandResults act(String watcher, WatcherAction action, Optional<String> node, OptionalInt nb) {
        return answer(ApiCall.act(watcher, action, node, nb)).value();
    }

    /** A rolling restart, followed to its end (so that a long one never meets the read deadline). */
    public OperationView restartRolling(String watcher, RestartRequest request) {
        return follow(ApiCall.restart(watcher, request), event -> { });
    }

    /**
     * A call that starts a long-running operation (docs/operations.md), its progress streamed: {@code
     * progress} is told each line, as it came and as read, on this thread; the operation as it ended is
     * returned.
     *
     * @throws ManagerRefused when the manager refuses the call (nothing started)
     * @throws ManagerUnreachable when the manager cannot be reached, or the stream ends before the operation
     */
    public OperationView follow(ApiCall<OperationView> call, Consumer<Answer<OperationEvent>> progress) {
        return OperationStream.follow(http, call, progress);
    }

    /**
     * A call that starts a long-running operation, answered at once ({@code Prefer: respond-async}, 202):
     * the operation as it stands; {@link #operation} reads it again later, on the same replica.
     */
    public OperationView startDetached(ApiCall<OperationView> call) {
        Response response = http.send(call.method(), call.path(), call.body(), call.contentType(),
                Map.of("Prefer", "respond-async"));
        if (!response.isSuccess()) {
            throw new ManagerRefused(base(), call.describe(), response);
        }
        return RecordJson.read(response.body(), OperationView.class);
    }

    public OperationView operation(String id) {
        return answer(ApiCall.operation(id)).value();
    }

    public List<OperationView> operations() {
        return answer(ApiCall.operations()).value();
    }

    public StatsView stats() {
        return answer(ApiCall.stats()).value();
    }

    /**
     * {@code GET /api/events}, every event as it is relayed, of {@code node} and {@code watcher} only
     * when given ({@code watcher} may be qualified, {@code NODE:W}). Close the stream when done.
     */
    public EventStream events(Optional<String> node, Optional<String> watcher) {
        return EventStream.open(http, "/api/events" + Http.query(Map.of("node", node, "watcher", watcher)));
    }

    /**
     * {@code GET /api/logs?follow=true}: the last {@code tail} lines of each node when given, then every new
     * line of the watcher on {@code node}, or on every node that has it. Close it when done.
     */
    public LogFollow followLogs(String watcher, Optional<String> node, Optional<Integer> tail) {
        return LogFollow.open(http, "/api/logs" + Http.query(Map.of("watcher", Optional.of(watcher), "node", node,
                "tail", tail.map(String::valueOf), "follow", Optional.of("true"))));
    }

    /** A request as given, with a JSON body when there is one; any status is a response, not an exception. */
    public Response send(String method, String path, Optional<String> json) {
        return http.send(method, path, json, "application/json");
    }

    /** A request with a body of any content type, for a caller that tests how the manager takes it. */
    public Response send(String method, String path, String body, String contentType) {
        return http.send(method, path, Optional.of(body), contentType);
    }

    private static String checked(String url) {
        String trimmed = url.strip();
        String base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        try {
            URI uri = URI.create(base);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return base;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new IllegalArgumentException("the manager URL '" + url + "' is not an http:// or https:// URL (e.g. "
                + ManagerUnreachable.DEFAULT_MANAGER + ")");
    }
}
