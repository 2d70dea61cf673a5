package org.circusmeta.manager.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import org.circusmeta.manager.core.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/operations} alone, over a fake of the use cases: the list, one, and an unknown id. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OperationsResourceTest {
    private final FakeUseCases cases = new FakeUseCases();
    private final ResourceExtension resources = TestResources.of(new OperationsResource(cases.layer()));

    @Test
    void listsTheOperationsAndShowsOneWithItsSteps() {
        Operation done = FakeUseCases.OPERATIONS.doneOn("web-01", "web-02");

        JsonNode all = TestResources.json(resources.target("/api/operations").request().get(String.class));
        assertThat(all.findValuesAsText("id")).contains(done.id());

        Response one = resources.target("/api/operations/" + done.id()).request().get();
        assertThat(one.getStatus()).isEqualTo(200);
        JsonNode view = TestResources.json(one.readEntity(String.class));
        assertThat(view.path("id").asText()).isEqualTo(done.id());
        assertThat(view.path("state").asText()).isEqualTo("done");
        assertThat(view.path("steps").findValuesAsText("node")).containsExactly("web-01", "web-02");
    }

    @Test
    void anUnknownIdIs404SayingWhereItMayBe() {
        Response response = resources.target("/api/operations/op-nope").request().get();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.readEntity(String.class)).contains("no operation 'op-nope' on this manager replica");
    }
}
