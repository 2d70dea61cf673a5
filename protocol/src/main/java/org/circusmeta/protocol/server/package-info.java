/**
 * The daemon side of the circus control socket: {@link org.circusmeta.protocol.server.ControlEndpoint}
 * binds a ROUTER, reads requests as circusd 0.19 does, hands them to a handler and sends each reply
 * back to the client that asked. Used by circusmeta-node and by the manager's cluster endpoint.
 */
package org.circusmeta.protocol.server;
