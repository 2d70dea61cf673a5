package org.circusmeta.manager.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.glassfish.jersey.test.TestProperties;
import org.glassfish.jersey.test.grizzly.GrizzlyTestContainerFactory;

/** A resource alone in Jersey's in-memory container, with the manager's JSON and its error table. */
final class TestResources {
    private static final ObjectMapper MAPPER = ApiMapper.configure(Jackson.newObjectMapper());

    private TestResources() {}

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    static ResourceExtension of(Object resource) {
        return builder(resource).build();
    }

    /**
     * The same in Grizzly on a free port of the loopback interface, for a resource that suspends its
     * requests (server-sent events), which the in-memory container cannot do.
     */
    static ResourceExtension served(Object resource) {
        return builder(resource).setTestContainerFactory(new GrizzlyTestContainerFactory())
                .addProperty(TestProperties.CONTAINER_PORT, "0").build();
    }

    private static ResourceExtension.Builder builder(Object resource) {
        ResourceExtension.Builder builder = ResourceExtension.builder()
                .setMapper(ApiMapper.configure(Jackson.newObjectMapper()))
                .setRegisterDefaultExceptionMappers(false)
                .addResource(resource);
        ErrorResponses.providers().forEach(builder::addProvider);
        return builder;
    }
}
