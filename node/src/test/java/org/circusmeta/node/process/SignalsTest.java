package org.circusmeta.node.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void readsSignalsAsCircusToSignumDoes() {
        assertThat(Signals.parse(IntNode.valueOf(28))).isEqualTo(28);
        assertThat(Signals.parse(DoubleNode.valueOf(15.0))).isEqualTo(15);
        assertThat(Signals.parse(TextNode.valueOf("15"))).isEqualTo(15);
        assertThat(Signals.parse(TextNode.valueOf("TERM"))).isEqualTo(15);
        assertThat(Signals.parse(TextNode.valueOf("SIGINT"))).isEqualTo(2);
        assertThat(Signals.parse(TextNode.valueOf("hup"))).isEqualTo(1);
        assertThat(Signals.parse(TextNode.valueOf("SIGRTMIN+1"))).isEqualTo(35);
    }

    @Test
    void anUnknownNameIsPythonsAttributeErrorAndGarbageIsInvalid() {
        assertThatThrownBy(() -> Signals.parse(TextNode.valueOf("NOPE")))
                .isInstanceOf(Signals.UnknownSignalException.class)
                .hasMessage("module 'signal' has no attribute 'SIGNOPE'");
        assertThatThrownBy(() -> Signals.parse(TextNode.valueOf("!!"))).hasMessage("signal invalid");
    }

    @Test
    void sendingToAProcessThatIsGoneSaysSo() {
        assertThat(Signals.send(Integer.MAX_VALUE - 7, 0)).isFalse();
        assertThat(Signals.send(ProcessHandle.current().pid(), 0)).isTrue();
    }
}
