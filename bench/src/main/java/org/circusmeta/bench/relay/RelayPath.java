package org.circusmeta.bench.relay;

import java.util.List;

/**
 * The way from N fake nodes' stats publishers to the one reader, for one round: straight (raw
 * JeroMQ PUB -> SUB, the limit), through a relay in this JVM, or through a manager in its own
 * process. Opened once per round, with that round's publishers.
 *
 * <p>Confined to the thread that measures.
 */
public interface RelayPath extends AutoCloseable {
    /** Makes the path carry these publishers' streams; returns where the reader connects. */
    List<String> open(List<String> publishers);

    /** Messages the relay republished so far (0 on the straight path). */
    long relayed();

    /** CPU seconds the relay's threads used so far (0 on the straight path). */
    double relayCpuSeconds();

    @Override
    void close();

    /** No relay: the reader connects to the publishers themselves. */
    static RelayPath straight() {
        return new RelayPath() {
            @Override
            public List<String> open(List<String> publishers) {
                return publishers;
            }

            @Override
            public long relayed() {
                return 0;
            }

            @Override
            public double relayCpuSeconds() {
                return 0;
            }

            @Override
            public void close() {
                // nothing was opened
            }
        };
    }
}
