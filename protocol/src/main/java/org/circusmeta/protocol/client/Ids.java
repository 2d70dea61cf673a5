package org.circusmeta.protocol.client;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids of one client, 32 lower-case hex digits like the uuid4 hex Python clients send: a random
 * half drawn once per client, then a counter. Unique within the client by construction, so a late
 * reply can never carry the id of a later call, and unlikely to collide with any other client's.
 *
 * <p>Thread-safe.
 */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final SecureRandom SEEDS = new SecureRandom();

    private final long prefix;
    private final AtomicLong counter;

    Ids() {
        prefix = SEEDS.nextLong();
        counter = new AtomicLong(SEEDS.nextInt() & 0xffffffL);
    }

    String next() {
        char[] out = new char[32];
        fill(out, 0, prefix);
        fill(out, 16, counter.incrementAndGet());
        return new String(out);
    }

    private static void fill(char[] out, int from, long value) {
        for (int i = from + 15; i >= from; i--) {
            out[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
