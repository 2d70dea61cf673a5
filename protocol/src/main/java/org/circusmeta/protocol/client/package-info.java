/**
 * {@link org.circusmeta.protocol.client.CircusClient}: commands to one circusd control endpoint over
 * a DEALER socket, matched to their replies by id, each with a deadline, asynchronous first
 * ({@code CompletableFuture}) with a blocking convenience on top.
 */
package org.circusmeta.protocol.client;
