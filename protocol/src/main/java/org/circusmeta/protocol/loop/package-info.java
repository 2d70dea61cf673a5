/**
 * {@link org.circusmeta.protocol.loop.SocketLoop}: one named thread that owns many ZeroMQ sockets,
 * polls them together, runs timers, and takes work from other threads through a queue. Clients,
 * subscribers, publishers and endpoints of the sibling packages all live on a loop, so a process
 * that talks to hundreds of daemons needs a handful of threads, not one per daemon.
 */
package org.circusmeta.protocol.loop;
