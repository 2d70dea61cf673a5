package org.circusmeta.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The manager's Dropwizard admin port: {@code /healthcheck}, {@code /metrics} and the tasks
 * ({@code POST /tasks/NAME?k=v}), as JSON trees and plain responses: their documents are Dropwizard's,
 * not the API's records.
 *
 * <p>Immutable; thread-safe.
 */
public final class AdminClient {
    private final Http http;

    private AdminClient(Http http) {
        this.http = http;
    }

    /** The admin port on this host's loopback at {@code port}. */
    public static AdminClient onLoopback(int port) {
        return new AdminClient(new Http("http://127.0.0.1:" + port, Optional.empty(), ManagerClient.CONNECT_TIMEOUT,
                ManagerClient.READ_TIMEOUT));
    }

    /** {@code /healthcheck}: 200 when every check is healthy, 500 else; the body names each check's result. */
    public Response healthcheck() {
        return get("/healthcheck");
    }

    /** True once the admin port answers at all. */
    public boolean isUp() {
        try {
            healthcheck();
            return true;
        } catch (ManagerUnreachable e) {
            return false;
        }
    }

    /** {@code /metrics}: gauges, counters, meters and timers by name. */
    public JsonNode metrics() {
        Response metrics = get("/metrics");
        if (!metrics.isSuccess()) {
            throw new ManagerRefused(http.base(), "GET /metrics", metrics);
        }
        return metrics.json();
    }

    /** Runs task {@code name} with the parameters given, as {@code POST /tasks/name?k=v&...}. */
    public Response task(String name, Map<String, String> parameters) {
        Map<String, Optional<String>> query = new TreeMap<>();
        parameters.forEach((k, v) -> query.put(k, Optional.of(v)));
        return http.send("POST", "/tasks/" + Http.segment(name) + Http.query(query), Optional.of(""), "application/json");
    }

    public Response get(String path) {
        return http.send("GET", path, Optional.empty(), "application/json");
    }
}
