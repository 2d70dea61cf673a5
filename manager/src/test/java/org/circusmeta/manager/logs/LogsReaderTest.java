package org.circusmeta.manager.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One reader's queue: bounded in bytes, dropped with a last event once full, batches within a size. */
class LogsReaderTest {
    private final AtomicInteger drops = new AtomicInteger();
    private final LogsReader reader = new LogsReader("web", Optional.empty(), 10_000, drops::incrementAndGet);

    private static LogsReader.Event line(long seq) {
        return new LogsReader.Event(Optional.of("web-01"), "e", seq, "data: " + "x".repeat(900) + "\n\n");
    }

    @Test
    void aReaderThatFallsItsBoundBehindIsDroppedWithALastEventAndHoldsNothingMore() throws Exception {
        long offered = 0;
        while (reader.offer(line(offered + 1))) {
            offered++;
        }
        assertThat(offered).as("lines of about 1,000 bytes each").isEqualTo(9);
        assertThat(drops).hasValue(1);
        assertThat(reader.offer(line(99))).isFalse();
        assertThat(drops).as("dropped once").hasValue(1);

        List<LogsReader.Event> rest = reader.take(Duration.ZERO, 1 << 20);
        assertThat(rest).singleElement().satisfies(e -> assertThat(e.text()).startsWith("event: end\n")
                .contains("fell 9 KiB of lines behind"));
        assertThat(reader.isFinished()).isTrue();
        assertThat(reader.bytes()).isZero();
    }

    @Test
    void takesWhatWaitsInBatchesOfAtMostTheSizeAskedButOneEventAlways() throws Exception {
        for (int i = 1; i <= 5; i++) {
            reader.offer(line(i));
        }
        assertThat(reader.take(Duration.ZERO, 2_100)).extracting(LogsReader.Event::seq).containsExactly(1L, 2L);
        assertThat(reader.take(Duration.ZERO, 10)).extracting(LogsReader.Event::seq).containsExactly(3L);
        assertThat(reader.take(Duration.ZERO, 1 << 20)).hasSize(2);
        assertThat(reader.bytes()).isZero();
        assertThat(reader.take(Duration.ofMillis(20), 1 << 20)).as("nothing after the wait").isEmpty();
        assertThat(reader.isFinished()).isFalse();
    }
}
