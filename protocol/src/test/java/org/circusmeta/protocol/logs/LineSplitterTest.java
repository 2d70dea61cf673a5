package org.circusmeta.protocol.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final LineSplitter splitter = new LineSplitter();
    private final List<String> lines = new ArrayList<>();

    private void feed(String text) {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    private void feed(byte[] bytes) {
        splitter.feed(bytes, 0, bytes.length, lines::add);
    }

    @Test
    void cutsAtNewlinesAcrossChunksAndDropsTheCarriageReturn() {
        feed("one\ntw");
        feed("o\r\nthree");
        assertThat(lines).containsExactly("one", "two");
        feed("\n\n");
        assertThat(lines).containsExactly("one", "two", "three", "");
    }

    @Test
    void handsOverTheUnfinishedLineWhenTheStreamEnds() {
        feed("done\nhalf a li");
        splitter.finish(lines::add);
        assertThat(lines).containsExactly("done", "half a li");
        splitter.finish(lines::add);
        assertThat(lines).hasSize(2);
    }

    @Test
    void cutsALineOfOneMebibyteAt64KibWithTheMarkerAndDropsTheRestOfIt() {
        byte[] huge = new byte[1 << 20];
        Arrays.fill(huge, (byte) 'x');
        feed("before\n");
        // In pieces, as a pipe delivers it.
        for (int off = 0; off < huge.length; off += 10_000) {
            splitter.feed(huge, off, Math.min(10_000, huge.length - off), lines::add);
        }
        feed("\nafter\n");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("before");
        assertThat(lines.get(1)).hasSize(LineSplitter.MAX_LINE_BYTES + LineSplitter.CUT_MARKER.length())
                .startsWith("xxxx").endsWith(LineSplitter.CUT_MARKER);
        assertThat(lines.get(2)).isEqualTo("after");
        assertThat(splitter.cutLines()).isEqualTo(1);
    }

    @Test
    void cutsALongLineGivenInOnePieceToo() {
        feed("y".repeat(70_000) + "\nnext\n");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith(LineSplitter.CUT_MARKER);
        assertThat(lines.get(1)).isEqualTo("next");
    }

    @Test
    void cutsBeforeACharacterThatTheLimitFallsIn() {
        // 65,535 ASCII bytes, then 'é' (2 bytes) straddles the limit: it goes, whole, with the rest.
        feed("a".repeat(65_535) + "é" + "b".repeat(10) + "\n");
        assertThat(lines.get(0)).isEqualTo("a".repeat(65_535) + LineSplitter.CUT_MARKER);
    }

    @Test
    void aLineOfExactlyTheLimitIsKeptWhole() {
        feed("z".repeat(LineSplitter.MAX_LINE_BYTES) + "\n");
        assertThat(lines.get(0)).hasSize(LineSplitter.MAX_LINE_BYTES).doesNotEndWith(LineSplitter.CUT_MARKER);
    }

    @Test
    void malformedUtf8BecomesTheReplacementCharacter() {
        feed(new byte[] {'o', 'k', (byte) 0xff, '\n'});
        assertThat(lines).containsExactly("ok\ufffd");
    }

    @Test
    void resetForgetsTheUnfinishedLine() {
        feed("gone");
        splitter.reset();
        feed("kept\n");
        assertThat(lines).containsExactly("kept");
    }
}
