/**
 * The logs protocol (docs/logs.md): how a node serves what its watchers' processes print, and how a
 * follower reads it. {@link org.circusmeta.protocol.logs.LogsEndpoint} is the server, a ROUTER on a
 * socket loop that keeps the newest lines of each watcher and pushes new ones to its followers;
 * {@link org.circusmeta.protocol.logs.LogsClient} is the client, a DEALER per server, many on one
 * loop, with {@link org.circusmeta.protocol.logs.LogsClient#tail tail} and
 * {@link org.circusmeta.protocol.logs.LogsClient#follow follow}.
 * {@link org.circusmeta.protocol.logs.LineSplitter} cuts a byte stream into the protocol's lines
 * (64 KiB at most), for the servers' readers of pipes and files.
 */
package org.circusmeta.protocol.logs;
