package org.circusmeta.protocol.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream (a process's pipe, a log file) into lines: at {@code \n}, a {@code \r} before it
 * dropped, bytes decoded as UTF-8 (a malformed sequence becomes U+FFFD). A line longer than
 * {@value #MAX_LINE_BYTES} bytes is cut there (back to the start of a character) and ends with
 * {@link #CUT_MARKER}; the rest of it, up to its end-of-line, is dropped. So however long a line is,
 * this holds at most 64 KiB of it.
 *
 * <p>Not thread-safe: one splitter per stream, fed by one thread.
 */
public final class LineSplitter {
    /** The longest line kept whole, in bytes of UTF-8. */
    public static final int MAX_LINE_BYTES = 65_536;
    /** What a cut line ends with. */
    public static final String CUT_MARKER = " [line cut at 64 KiB]";
    private static final int FIRST_CAPACITY = 256;

    private byte[] partial = new byte[FIRST_CAPACITY];
    private int length;
    private boolean discarding;
    private long cut;

    /** Feeds bytes; every line they complete goes to {@code out}, in order. */
    public void feed(byte[] data, int offset, int count, Consumer<String> out) {
        int start = offset;
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            if (data[i] == '\n') {
                complete(data, start, i, out);
                start = i + 1;
            }
        }
        if (start < end && !discarding) {
            keep(data, start, end, out);
        }
    }

    /** Hands over the unfinished last line, if any (the stream has ended). */
    public void finish(Consumer<String> out) {
        if (length > 0 && !discarding) {
            out.accept(decode(partial, 0, length));
        }
        length = 0;
        discarding = false;
    }

    /** Starts over, forgetting any unfinished line (the file was truncated). */
    public void reset() {
        length = 0;
        discarding = false;
    }

    /** How many lines were cut so far. */
    public long cutLines() {
        return cut;
    }

    private void complete(byte[] data, int from, int to, Consumer<String> out) {
        if (discarding) {
            discarding = false;
            return;
        }
        if (length == 0 && to - from <= MAX_LINE_BYTES) {
            out.accept(decode(data, from, to - from));
            return;
        }
        keep(data, from, to, out);
        if (!discarding) {
            out.accept(decode(partial, 0, length));
        }
        length = 0;
        discarding = false;
    }

    /** Appends to the unfinished line; past the limit, hands over the cut line and drops the rest. */
    private void keep(byte[] data, int from, int to, Consumer<String> out) {
        int room = MAX_LINE_BYTES - length;
        int n = to - from;
        if (n <= room) {
            ensure(length + n);
            System.arraycopy(data, from, partial, length, n);
            length += n;
            return;
        }
        ensure(MAX_LINE_BYTES);
        System.arraycopy(data, from, partial, length, room);
        int end = MAX_LINE_BYTES;
        byte next = data[from + room];
        // Back to the first byte of the character the limit falls in.
        while (end > MAX_LINE_BYTES - 4 && isContinuation(end == MAX_LINE_BYTES ? next : partial[end])) {
            end--;
        }
        out.accept(new String(partial, 0, end, StandardCharsets.UTF_8) + CUT_MARKER);
        cut++;
        length = 0;
        discarding = true;
    }

    private void ensure(int capacity) {
        if (partial.length < capacity) {
            partial = Arrays.copyOf(partial, Math.min(MAX_LINE_BYTES, Math.max(capacity, partial.length * 2)));
        }
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static String decode(byte[] bytes, int from, int count) {
        int n = count;
        if (n > 0 && bytes[from + n - 1] == '\r') {
            n--;
        }
        return new String(bytes, from, n, StandardCharsets.UTF_8);
    }
}
