package org.circusmeta.node.commands;

import java.util.Optional;

/**
 * What {@code globaloptions} reports: the endpoints actually bound (a port 0 shows as the port chosen),
 * the manage period and the multicast setting.
 *
 * <p>Immutable.
 */
public record GlobalOptions(
        String endpoint, String pubsubEndpoint, Optional<String> statsEndpoint, double checkDelay,
        String multicastEndpoint) {}
