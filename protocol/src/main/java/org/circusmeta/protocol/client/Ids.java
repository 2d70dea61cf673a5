package org.circusmeta.protocol.client;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in the form Python clients use: a random UUID4 as 32 lower-case hex digits. */
final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {}

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] out = new char[32];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (high & 0xF)];
            high >>>= 4;
        }
        for (int i = 31; i >= 16; i--) {
            out[i] = HEX[(int) (low & 0xF)];
            low >>>= 4;
        }
        return new String(out);
    }
}
