package org.circusmeta.manager.resources;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.circusmeta.api.OperationView;
import org.circusmeta.manager.core.Operation;
import org.circusmeta.manager.core.UseCases;

/**
 * {@code /api/operations}: the long-running operations of this manager replica (docs/operations.md),
 * running or among the last ended. Thread-safe.
 */
@Path("/api/operations")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {
    private final UseCases cases;

    public OperationsResource(UseCases cases) {
        this.cases = cases;
    }

    @GET
    public List<OperationView> list() {
        return cases.reads().operations().stream().map(o -> Views.operation(o.snapshot())).toList();
    }

    @GET
    @Path("/{id}")
    public OperationView one(@PathParam("id") String id) {
        Operation operation = cases.reads().operation(id).orElseThrow(() -> new WebApplicationException("no operation '"
                + id + "' on this manager replica: it runs on another replica, or ended long ago (a replica keeps the"
                + " last 100); GET /api/operations lists them", 404));
        return Views.operation(operation.snapshot());
    }
}
