package org.circusmeta.node.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsAsShlexDoesInPosixMode() {
        assertThat(ShellWords.split("sleep 1000")).containsExactly("sleep", "1000");
        assertThat(ShellWords.split("  sh -c 'echo $HOME; sleep 5'  ")).containsExactly("sh", "-c", "echo $HOME; sleep 5");
        assertThat(ShellWords.split("echo \"a \\\"b\\\" \\x\"")).containsExactly("echo", "a \"b\" \\x");
        assertThat(ShellWords.split("a\\ b c''d ''")).containsExactly("a b", "cd", "");
    }

    @Test
    void refusesAnUnclosedQuoteAsShlexDoes() {
        assertThatThrownBy(() -> ShellWords.split("echo 'oops")).hasMessageContaining("No closing quotation");
        assertThatThrownBy(() -> ShellWords.split("echo \\")).hasMessageContaining("No escaped character");
    }
}
