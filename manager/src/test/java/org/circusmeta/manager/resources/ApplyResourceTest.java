package org.circusmeta.manager.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.circusmeta.manager.resources.NodesResourceTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.circusmeta.manager.core.AddWatcher;
import org.circusmeta.manager.core.ApplyState;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.watchers.Instances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/apply} alone, over a fake of the use cases: the file read whole, or refused naming watcher and key. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApplyResourceTest {
    private static final String FILE = """
            watchers:
              - name: web
                cmd: python3 -m http.server
                numprocesses: 2
                instances: 3
                spread: zone
                constraints: {tier: web}
                env: {PORT: "8000"}
              - name: worker
                cmd: sleep
                args: ["600"]
            """;

    private final FakeUseCases cases = new FakeUseCases();
    private final ResourceExtension resources = TestResources.of(new ApplyResource(cases.layer(),
            new OperationReplies(TestResources.mapper(), Executors.newCachedThreadPool()), Validators.newValidator()));

    @Test
    void readsTheYamlFileIntoTheWatchersItAsksForAndAnswersTheOperation() {
        Response response = apply(true, FILE, ApplyResource.YAML);

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode operation = response.readEntity(JsonNode.class);
        assertThat(operation.path("kind").asText()).isEqualTo("apply");
        assertThat(operation.path("steps").findValuesAsText("result")).containsOnly("to-add");
        ApplyState asked = (ApplyState) cases.asked.get(0);
        assertThat(asked.dryRun()).isTrue();
        assertThat(asked.prune()).isTrue();
        assertThat(asked.watchers()).extracting(a -> a.definition().name()).containsExactly("web", "worker");
        AddWatcher web = asked.watchers().get(0);
        assertThat(web.instances()).isEqualTo(Instances.of(3));
        assertThat(web.spread()).contains("zone");
        assertThat(web.node()).isEmpty();
        assertThat(web.definition().cmd()).isEqualTo("python3 -m http.server");
        assertThat(web.definition().processes()).isEqualTo(2);
        assertThat(web.definition().env()).contains(Map.of("PORT", "8000"));
        assertThat(web.definition().constraints()).isEqualTo(Map.of("tier", "web"));
        assertThat(asked.watchers().get(1).instances()).isEqualTo(Instances.ONE);
    }

    @Test
    void readsTheSameFileAsJsonAndAppliesWithoutFlagsByDefault() {
        String json = "{\"watchers\": [{\"name\": \"web\", \"cmd\": \"sleep\", \"args\": \"600\", \"instances\": \"all\"}]}";

        assertThat(apply(false, json, "application/json").getStatus()).isEqualTo(200);

        ApplyState asked = (ApplyState) cases.asked.get(0);
        assertThat(asked.dryRun()).isFalse();
        assertThat(asked.prune()).isFalse();
        assertThat(asked.watchers().get(0).instances().isEvery()).isTrue();
    }

    @Test
    void refusesABadKeyOrValueNamingTheWatcherAndTheKeyAndAsksNothing() {
        assertError(apply(false, FILE.replace("numprocesses: 2", "numprocesess: 2"), ApplyResource.YAML), 422,
                "watcher web: numprocesess: unknown key");
        assertError(apply(false, FILE.replace("numprocesses: 2", "numprocesses: -1"), ApplyResource.YAML), 422,
                "watcher web: numprocesses: must be greater than or equal to 0");
        assertError(apply(false, FILE.replace("instances: 3", "instances: many"), ApplyResource.YAML), 422,
                "watcher web: instances");
        assertError(apply(false, FILE.replace("cmd: sleep", "cmd: \"\""), ApplyResource.YAML), 422, "watcher worker: cmd:");
        assertError(apply(false, FILE.replace("cmd: sleep", "cmd: sleep\n    node: web-01"), ApplyResource.YAML), 422,
                "watcher worker: node: a file holds cluster watchers");
        Response both = apply(false, FILE.replace("numprocesses: 2", "numprocesses: two").replace("cmd: sleep", "cmd: \"\""),
                ApplyResource.YAML);
        assertThat(both.readEntity(String.class)).contains("watcher web: numprocesses").contains("watcher worker: cmd")
                .contains("nothing was changed");
        assertError(apply(false, "watchers: [oops", ApplyResource.YAML), 422, "neither YAML nor JSON");
        assertError(apply(false, "watcher: []", ApplyResource.YAML), 422, "watcher: unknown key at the top of the file");
        assertError(apply(false, "", ApplyResource.YAML), 422, "one key, watchers");
        assertThat(cases.asked).isEmpty();
    }

    @Test
    void answersWhatTheApplyRefusedWithItsStatus() {
        cases.applied = new Failure.InvalidRequest("watchers: web is given twice");
        assertError(apply(false, FILE, ApplyResource.YAML), 422, "web is given twice");
    }

    private Response apply(boolean flags, String body, String type) {
        var target = resources.target("/api/apply");
        return (flags ? target.queryParam("dry_run", true).queryParam("prune", true) : target).request()
                .post(Entity.entity(body, type));
    }
}
