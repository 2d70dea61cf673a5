/**
 * The two streams a circusd publishes: events on the pubsub socket ({@code watcher.NAME.EVENT}) and
 * statistics on the stats socket ({@code stat.NAME[.PID]}), each a two-frame {@code [topic, JSON]}
 * message. {@link org.circusmeta.protocol.stream.CircusSubscriber} reads them,
 * {@link org.circusmeta.protocol.stream.Publisher} writes them.
 */
package org.circusmeta.protocol.stream;
