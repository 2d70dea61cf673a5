/**
 * {@link org.circusmeta.protocol.loop.SocketLoop}: one named thread that owns many ZeroMQ sockets,
 * polls them together, runs timers, and takes work from other threads through a queue. Clients,
 * subscribers, publishers and endpoints of the sibling packages all live on a loop, so a process
 * that talks to hundreds of daemons needs a handful of threads, not one per daemon.
 * {@link org.circusmeta.protocol.loop.LoopSocket} is the life of one such socket (open, set up, bind
 * or connect, read, close), written once for every component that owns one;
 * {@link org.circusmeta.protocol.loop.FramePairs} reads the two-frame messages of such a socket.
 */
package org.circusmeta.protocol.loop;
