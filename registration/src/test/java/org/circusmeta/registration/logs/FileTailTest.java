package org.circusmeta.registration.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One followed file, on a real file system: what circus's streams and logrotate do to it. */
class FileTailTest {
    @TempDir
    Path dir;

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void startsWithTheLastLinesThenReadsWhatIsAppendedLineByLine() throws IOException {
        Path file = dir.resolve("web.log");
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            before.append("old ").append(i).append('\n');
        }
        append(file, before.toString());
        try (FileTail tail = new FileTail(file, 30)) {
            List<String> primed = tail.poll();
            assertThat(primed).as("the lines within the last 30 bytes, the cut one left out").isNotEmpty()
                    .allSatisfy(l -> assertThat(l).startsWith("old "));
            assertThat(primed.get(primed.size() - 1)).isEqualTo("old 100");
            assertThat(primed.size()).isLessThan(5);
            assertThat(tail.poll()).isEmpty();
            append(file, "new 1\nnew ");
            assertThat(tail.poll()).containsExactly("new 1");
            append(file, "2\n");
            assertThat(tail.poll()).containsExactly("new 2");
        }
    }

    @Test
    void aFileThatAppearsLaterIsReadFromItsStart() throws IOException {
        Path file = dir.resolve("late.log");
        try (FileTail tail = new FileTail(file, 1 << 20)) {
            assertThat(tail.poll()).isEmpty();
            append(file, "first\nsecond\n");
            assertThat(tail.poll()).containsExactly("first", "second");
        }
    }

    @Test
    void followsARenameRotationReadingTheOldFileToItsEndFirst() throws IOException {
        Path file = dir.resolve("web.log");
        append(file, "");
        try (FileTail tail = new FileTail(file, 1 << 20)) {
            assertThat(tail.poll()).isEmpty();
            append(file, "a\nb\n");
            assertThat(tail.poll()).containsExactly("a", "b");
            append(file, "c\n");
            // FileStream's rollover: the file renamed to .1, a new one opened, written to.
            Files.move(file, dir.resolve("web.log.1"));
            append(file, "d\n");
            assertThat(tail.poll()).containsExactly("c", "d");
            append(file, "e\n");
            assertThat(tail.poll()).containsExactly("e");
        }
    }

    @Test
    void waitsWhileTheFileIsMovedAwayAndNotYetCreatedAgain() throws IOException {
        Path file = dir.resolve("web.log");
        append(file, "");
        try (FileTail tail = new FileTail(file, 1 << 20)) {
            tail.poll();
            append(file, "before\n");
            Files.move(file, dir.resolve("web.log.old"));
            assertThat(tail.poll()).containsExactly("before");
            assertThat(tail.poll()).isEmpty();
            append(file, "after\n");
            assertThat(tail.poll()).containsExactly("after");
        }
    }

    @Test
    void startsOverWhenTheFileIsTruncatedInPlace() throws IOException {
        Path file = dir.resolve("web.log");
        append(file, "");
        try (FileTail tail = new FileTail(file, 1 << 20)) {
            tail.poll();
            append(file, "one\ntwo\n");
            assertThat(tail.poll()).containsExactly("one", "two");
            Files.writeString(file, "", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            append(file, "x\n");
            assertThat(tail.poll()).containsExactly("x");
        }
    }

    @Test
    void manyRotationsInARowLoseNothingWhenPolledBetweenThem() throws IOException {
        Path file = dir.resolve("web.log");
        append(file, "");
        List<String> got = new ArrayList<>();
        try (FileTail tail = new FileTail(file, 1 << 20)) {
            for (int r = 0; r < 20; r++) {
                for (int i = 0; i < 5; i++) {
                    append(file, "line " + (r * 5 + i) + "\n");
                }
                if (r % 2 == 0) {
                    got.addAll(tail.poll());
                }
                Files.move(file, dir.resolve("web.log." + r));
                append(file, "");
                got.addAll(tail.poll());
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add("line " + i);
        }
        assertThat(got).isEqualTo(expected);
    }
}
