package org.circusmeta.manager.resources;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.circusmeta.manager.core.AuditEntry;
import org.circusmeta.manager.core.AuditLog;

/**
 * {@code GET /api/audit?since=TIME&limit=N}: the last changes this manager replica made, newest last
 * (README, "Audit"). Thread-safe.
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    public List<AuditEntry> last(@QueryParam("since") String since,
            @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "must be at least 1")
            @Max(value = 100_000, message = "must be at most 100000") int limit) {
        return audit.last(Optional.ofNullable(since).filter(s -> !s.isBlank()).map(AuditResource::instant), limit);
    }

    private static Instant instant(String since) {
        try {
            return Instant.parse(since.strip());
        } catch (DateTimeParseException e) {
            throw new WebApplicationException("since: '" + since + "' is not a time; write it as 2026-12-03T07:30:00Z",
                    ErrorResponses.UNPROCESSABLE);
        }
    }
}
