package org.circusmeta.node.config;

import java.util.Optional;

/**
 * A {@code [socket:NAME]} section: a listening socket the node binds and lists. {@code path} set means
 * a unix socket; otherwise {@code host}:{@code port}, port 0 meaning any free port.
 *
 * <p>Immutable.
 */
public record SocketSpec(String name, String host, int port, Optional<String> path, int backlog) {}
