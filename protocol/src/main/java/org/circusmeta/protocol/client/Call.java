package org.circusmeta.protocol.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.loop.SocketLoop;

/**
 * One call, from submission to its reply, timeout or failure. Its id and frame change when a busy
 * refusal is retried, so that the refused attempt's id is forgotten.
 *
 * <p>Created on the caller's thread, then confined to the loop thread (the future excepted).
 */
final class Call {
    final Request request;
    final Duration timeout;
    final long deadlineNanos;
    final boolean expectsReply;
    final CompletableFuture<Reply> future = new CompletableFuture<>();
    String id;
    byte[] frame;
    SocketLoop.Timer timer;
    int busyRetries;

    Call(Request request, Duration timeout, boolean expectsReply, String id) {
        this.request = request;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.expectsReply = expectsReply;
        assignId(id);
    }

    /** Gives the call a new id and encodes its frame (the request keeps its other fields). */
    void assignId(String newId) {
        id = newId;
        frame = request.withId(newId).toBytes();
    }

    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    String command() {
        return request.command();
    }
}
