package org.circusmeta.protocol.client;

import java.util.concurrent.atomic.LongAdder;

/**
 * The running counts behind {@link ClientCounters}.
 *
 * <p>Thread-safe: incremented on the loop thread, read from any.
 */
final class CallCounters {
    final LongAdder sent = new LongAdder();
    final LongAdder replies = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder busyRetries = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final LongAdder reconnects = new LongAdder();

    ClientCounters snapshot() {
        return new ClientCounters(sent.sum(), replies.sum(), timeouts.sum(), busyRetries.sum(), malformed.sum(),
                unmatched.sum(), reconnects.sum());
    }
}
