/**
 * The Circus 0.19 wire protocol: the message model ({@link org.circusmeta.protocol.Request},
 * {@link org.circusmeta.protocol.Reply}, {@link org.circusmeta.protocol.Errno}), the JSON encoding
 * circusd uses ({@link org.circusmeta.protocol.CircusJson}) and the cluster's naming rules
 * ({@link org.circusmeta.protocol.QualifiedName}).
 *
 * <p>Sub-packages: {@code loop} (the thread that owns ZeroMQ sockets), {@code client} (commands to one
 * circusd), {@code stream} (the pubsub and stats streams), {@code server} (the daemon side of the
 * control socket). Nothing here knows ZooKeeper or Dropwizard.
 */
package org.circusmeta.protocol;
