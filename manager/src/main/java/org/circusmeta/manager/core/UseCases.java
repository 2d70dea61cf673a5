package org.circusmeta.manager.core;

import java.time.Duration;

/**
 * The use-case layer as one door calls it: what it changes, what it reads, and how long that door
 * waits for the nodes (the HTTP API and the tasks {@code circus.commandTimeout}, the cluster
 * endpoint {@code circus.endpointTimeout}, under circusctl's own timeout).
 */
public record UseCases(Changes changes, Reads reads, Duration within) {
    /** The same layer, for a door that waits another time. */
    public UseCases waiting(Duration other) {
        return new UseCases(changes, reads, other);
    }
}
