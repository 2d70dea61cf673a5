package org.circusmeta.protocol.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatcherLogTest {
    private static CapturedLine line(long pid, LogStream stream, String text) {
        return new CapturedLine(OptionalLong.of(pid), stream, 1.0, text);
    }

    private static List<Long> seqs(List<WatcherLog.Entry> entries) {
        return entries.stream().map(WatcherLog.Entry::seq).toList();
    }

    @Test
    void keepsTheNewestLinesNumberedWithoutGaps() {
        WatcherLog log = new WatcherLog("web", "e1", 3, 1_000_000);
        for (int i = 1; i <= 5; i++) {
            log.append(line(1, LogStream.STDOUT, "l" + i));
        }
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.oldestSeq()).isEqualTo(3);
        assertThat(log.lastSeq()).isEqualTo(5);
        assertThat(seqs(log.after(0, LogQuery.of("web", 0)))).containsExactly(3L, 4L, 5L);
        assertThat(seqs(log.after(4, LogQuery.of("web", 0)))).containsExactly(5L);
    }

    @Test
    void isBoundedInCharactersTooButKeepsTheNewestLine() {
        WatcherLog log = new WatcherLog("web", "e1", 1000, 10);
        log.append(line(1, LogStream.STDOUT, "12345"));
        log.append(line(1, LogStream.STDOUT, "67890"));
        log.append(line(1, LogStream.STDOUT, "abc"));
        assertThat(seqs(log.after(0, LogQuery.of("web", 0)))).containsExactly(2L, 3L);
        log.append(line(1, LogStream.STDOUT, "x".repeat(50)));
        assertThat(seqs(log.after(0, LogQuery.of("web", 0)))).containsExactly(4L);
    }

    @Test
    void tailsWhatTheQuerySelectsOldestFirst() {
        WatcherLog log = new WatcherLog("web", "e1", 100, 1_000_000);
        for (int i = 1; i <= 10; i++) {
            log.append(line(i % 2 == 0 ? 20 : 10, i % 3 == 0 ? LogStream.STDERR : LogStream.STDOUT, "l" + i));
        }
        assertThat(seqs(log.tail(LogQuery.of("web", 3), 3, Long.MAX_VALUE))).containsExactly(8L, 9L, 10L);
        assertThat(seqs(log.tail(LogQuery.of("web", 3).withPid(20), 3, Long.MAX_VALUE))).containsExactly(6L, 8L, 10L);
        assertThat(seqs(log.tail(LogQuery.of("web", 9).withStream(LogStream.STDERR), 9, Long.MAX_VALUE)))
                .containsExactly(3L, 6L, 9L);
        assertThat(log.selectedCount(LogQuery.of("web", 0).withPid(10))).isEqualTo(5);
    }

    @Test
    void aTailWithinABudgetKeepsTheNewestLines() {
        WatcherLog log = new WatcherLog("web", "e1", 100, 1_000_000);
        for (int i = 1; i <= 10; i++) {
            log.append(line(1, LogStream.STDOUT, "0123456789"));
        }
        assertThat(seqs(log.tail(LogQuery.of("web", 10), 10, 35))).containsExactly(8L, 9L, 10L);
        assertThat(seqs(log.tail(LogQuery.of("web", 10), 10, 1))).as("at least one").containsExactly(10L);
    }

    @Test
    void hasNoOutputOnlyWhenBothStreamsAreUnreadable() {
        WatcherLog log = new WatcherLog("web", "e1", 10, 10_000);
        assertThat(log.hasNoOutput()).isFalse();
        log.unreadable(List.of(new Unreadable(LogStream.STDERR, "discarded", List.of())));
        assertThat(log.hasNoOutput()).isFalse();
        log.unreadable(List.of(new Unreadable(LogStream.STDERR, "discarded", List.of()),
                new Unreadable(LogStream.STDOUT, "discarded", List.of())));
        assertThat(log.hasNoOutput()).isTrue();
    }
}
