package org.circusmeta.protocol.logs;

import java.util.List;

/**
 * Receives what a {@link Follow} brings: lines in order, each once, and word of what went wrong.
 * Called on the {@link LogsClient}'s loop thread: return quickly, never block (hand the lines to
 * another thread when their consumer is slow). A listener that throws is logged and counted; the
 * follow goes on.
 */
public interface LogListener {
    /** New lines, oldest first, never one already given. */
    void onLines(List<LogLine> lines);

    /**
     * Lines the follow will never bring: the server no longer kept them when the follower asked again
     * (the follower fell behind, or the connection broke, for longer than the server keeps lines), or
     * they went missing on the way. For a follow of one pid or one stream, the count includes lines of
     * the others.
     */
    default void onLost(String watcher, long lines) {}

    /**
     * The follow is not being served, and why: the server refused (no such watcher, no readable
     * output: the reason includes the fix), it stopped, or it does not answer. The follow keeps
     * asking; {@link #onServed()} says when it is served again.
     */
    default void onProblem(String reason) {}

    /**
     * The server refused the follow (no such watcher, no readable output: {@link Refusal#code()} says
     * which). The follow keeps asking, as after {@link #onProblem}; by default this is an
     * {@link #onProblem} with the refusal's reason and fix.
     */
    default void onRefused(Refusal refusal) {
        onProblem(refusal.describe());
    }

    /** The server serves the follow (again) after {@link #onProblem} or {@link #onRefused}. */
    default void onServed() {}

    /** Outputs of the watcher the server cannot read, with the fix; the other output's lines still come. */
    default void onUnreadable(List<Unreadable> streams) {}
}
