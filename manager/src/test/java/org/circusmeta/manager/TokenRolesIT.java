package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.circusmeta.manager.core.Role;
import org.circusmeta.manager.dashboard.LiveResource;
import org.circusmeta.manager.resources.AuditResource;
import org.circusmeta.manager.resources.CommandResource;
import org.circusmeta.manager.resources.EventsResource;
import org.circusmeta.manager.resources.LogsResource;
import org.circusmeta.manager.resources.NodesResource;
import org.circusmeta.manager.resources.OperationsResource;
import org.circusmeta.manager.resources.SessionResource;
import org.circusmeta.manager.resources.StatsResource;
import org.circusmeta.manager.resources.WatchersResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each role against every API route and admin task: without a token 401, with a token whose role is too
 * low 403 naming the role needed, with one whose role covers it anything but those (the call runs: on an
 * empty cluster, a 404 or 409 of its own). The table must list every route the resources declare.
 */
@Timeout(120)
class TokenRolesIT {
    private static final Map<Role, String> TOKENS = Map.of(Role.READ, "t-reader", Role.OPERATE, "t-operator",
            Role.ADMIN, "t-admin");

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("auth.tokens[0].name", "reader"), ConfigOverride.config("auth.tokens[0].token", "t-reader"),
            ConfigOverride.config("auth.tokens[0].role", "read"),
            ConfigOverride.config("auth.tokens[1].name", "operator"),
            ConfigOverride.config("auth.tokens[1].token", "t-operator"), ConfigOverride.config("auth.tokens[1].role", "operate"),
            ConfigOverride.config("auth.tokens[2].name", "boss"), ConfigOverride.config("auth.tokens[2].token", "t-admin"),
            ConfigOverride.config("auth.tokens[2].role", "admin"));

    /** One call: the route as the resources declare it, the request sent, and the role it takes. */
    private record Call(String route, String method, String path, String body, Role needs, boolean admin) {
        static Call api(String route, String method, String path, String body, Role needs) {
            return new Call(route, method, path, body, needs, false);
        }

        static Call task(String name, String query) {
            return new Call("task " + name, "POST", "/tasks/" + name + query, null, Role.ADMIN, true);
        }
    }

    private static final List<Call> TABLE = List.of(
            Call.api("GET /api/nodes", "GET", "/api/nodes", null, Role.READ),
            Call.api("GET /api/nodes/{node}", "GET", "/api/nodes/n1", null, Role.READ),
            Call.api("POST /api/nodes/{node}/rename", "POST", "/api/nodes/n1/rename", "{\"name\":\"n2\"}", Role.ADMIN),
            Call.api("POST /api/nodes/{node}/cordon", "POST", "/api/nodes/n1/cordon", null, Role.ADMIN),
            Call.api("POST /api/nodes/{node}/uncordon", "POST", "/api/nodes/n1/uncordon", null, Role.ADMIN),
            Call.api("POST /api/nodes/{node}/drain", "POST", "/api/nodes/n1/drain", null, Role.ADMIN),
            Call.api("POST /api/command", "POST", "/api/command", "{\"command\":\"status\"}", Role.READ),
            Call.api("POST /api/command", "POST", "/api/command", "{\"command\":\"stop\"}", Role.OPERATE),
            Call.api("POST /api/command", "POST", "/api/command",
                    "{\"command\":\"add\",\"properties\":{\"name\":\"x\",\"cmd\":\"sleep 60\"}}", Role.ADMIN),
            Call.api("POST /api/command", "POST", "/api/command", "{\"command\":\"quit\"}", Role.ADMIN),
            Call.api("GET /api/watchers", "GET", "/api/watchers", null, Role.READ),
            Call.api("POST /api/watchers", "POST", "/api/watchers", "{\"name\":\"w\",\"cmd\":\"sleep\"}", Role.ADMIN),
            Call.api("PATCH /api/watchers/{name}", "PATCH", "/api/watchers/w", "{\"instances\":2}", Role.OPERATE),
            Call.api("DELETE /api/watchers/{name}", "DELETE", "/api/watchers/w", null, Role.ADMIN),
            Call.api("POST /api/watchers/{name}/restart", "POST", "/api/watchers/w/restart", null, Role.OPERATE),
            Call.api("POST /api/watchers/{name}/restart", "POST", "/api/watchers/w/restart", "{\"rolling\":true}",
                    Role.OPERATE),
            Call.api("POST /api/watchers/{name}/{action}", "POST", "/api/watchers/w/start", null, Role.OPERATE),
            Call.api("POST /api/watchers/{name}/{action}", "POST", "/api/watchers/w/stop", null, Role.OPERATE),
            Call.api("POST /api/watchers/{name}/{action}", "POST", "/api/watchers/w/incr", null, Role.OPERATE),
            Call.api("POST /api/watchers/{name}/{action}", "POST", "/api/watchers/w/decr", null, Role.OPERATE),
            Call.api("GET /api/stats", "GET", "/api/stats", null, Role.READ),
            Call.api("GET /api/events", "HEAD", "/api/events", null, Role.READ),
            Call.api("HEAD /api/events", "HEAD", "/api/events", null, Role.READ),
            Call.api("GET /api/live", "HEAD", "/api/live", null, Role.READ),
            Call.api("HEAD /api/live", "HEAD", "/api/live", null, Role.READ),
            Call.api("GET /api/logs", "GET", "/api/logs?watcher=w", null, Role.READ),
            Call.api("HEAD /api/logs", "HEAD", "/api/logs?watcher=w&follow=true", null, Role.READ),
            Call.api("GET /api/operations", "GET", "/api/operations", null, Role.READ),
            Call.api("GET /api/operations/{id}", "GET", "/api/operations/x", null, Role.READ),
            Call.api("GET /api/audit", "GET", "/api/audit", null, Role.READ),
            Call.api("GET /api/session", "GET", "/api/session", null, Role.READ),
            Call.task("circus-command", "?command=status"),
            Call.task("attach", "?node=n1"),
            Call.task("detach", "?node=n1"),
            Call.task("rebalance", ""),
            Call.task("resume-rescheduling", ""),
            Call.task("log-level", "?logger=org.circusmeta&level=INFO"),
            Call.task("gc", ""));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eachRoleGetsWhatItCoversAndIsToldWhichRoleTheRestNeeds() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Call call : TABLE) {
            check(call, Optional.empty(), wrong);
            for (Role role : Role.values()) {
                check(call, Optional.of(role), wrong);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theSessionSaysWhoTheTokenIsAndItsRole() throws Exception {
        Map<Role, String> names = Map.of(Role.READ, "reader", Role.OPERATE, "operator", Role.ADMIN, "boss");
        for (Role role : Role.values()) {
            HttpResponse<String> answer = send(Call.api("GET /api/session", "GET", "/api/session", null, Role.READ),
                    Optional.of(role));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"name\":\"" + names.get(role) + "\",\"role\":\"" + role.wireName() + "\"}");
        }
    }

    @Test
    void theHealthAndMetricsOfTheAdminPortStayOpen() throws Exception {
        for (String path : List.of("/healthcheck", "/metrics", "/metrics/prometheus", "/ping")) {
            assertThat(send(new Call(path, "GET", path, null, Role.READ, true), Optional.empty()).statusCode())
                    .as(path).isIn(200, 500);
        }
    }

    @Test
    void theTableListsEveryRouteOfTheApi() {
        Set<String> declared = new TreeSet<>();
        for (Class<?> resource : List.of(NodesResource.class, CommandResource.class, WatchersResource.class,
                OperationsResource.class, StatsResource.class, LogsResource.class, EventsResource.class, LiveResource.class,
                AuditResource.class, SessionResource.class)) {
            declared.addAll(routes(resource));
        }
        Set<String> listed = new TreeSet<>();
        TABLE.stream().filter(c -> !c.admin()).forEach(c -> listed.add(c.route()));
        assertThat(listed).isEqualTo(declared);
    }

    private void check(Call call, Optional<Role> role, List<String> wrong) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(call, role);
        int status = answer.statusCode();
        String as = call.method() + " " + call.path() + (call.body() == null ? "" : " " + call.body()) + " as "
                + role.map(Role::wireName).orElse("no token") + ": " + status + " " + answer.body();
        if (role.isEmpty()) {
            expect(status == 401, as, "401", wrong);
        } else if (role.get().covers(call.needs())) {
            expect(status != 401 && status != 403, as, "allowed", wrong);
        } else {
            expect(status == 403 && (call.method().equals("HEAD") || answer.body().contains(call.needs().wireName())),
                    as, "403 naming " + call.needs(), wrong);
        }
    }

    private static void expect(boolean ok, String as, String expected, List<String> wrong) {
        if (!ok) {
            wrong.add(as + " (expected " + expected + ")");
        }
    }

    private HttpResponse<String> send(Call call, Optional<Role> role) throws IOException, InterruptedException {
        int port = call.admin() ? MANAGER.app().getAdminPort() : MANAGER.app().getLocalPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()))
                .timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        role.ifPresent(r -> request.header("Authorization", "Bearer " + TOKENS.get(r)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every resource method of the class, as {@code METHOD /path/{param}}. */
    private static List<String> routes(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        List<String> routes = new ArrayList<>();
        for (Method method : resource.getMethods()) {
            for (Annotation annotation : method.getAnnotations()) {
                HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
                if (verb != null) {
                    Path path = method.getAnnotation(Path.class);
                    routes.add(verb.value() + " " + base + (path == null ? "" : path.value()));
                }
            }
        }
        return routes;
    }
}
