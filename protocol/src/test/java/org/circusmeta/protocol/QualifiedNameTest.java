package org.circusmeta.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QualifiedNameTest {

    @Test
    void readsNodeAndWatcher() {
        QualifiedName name = QualifiedName.parse("web-01:sleeper");
        assertThat(name.node()).contains("web-01");
        assertThat(name.watcher()).isEqualTo("sleeper");
        assertThat(name.isQualified()).isTrue();
        assertThat(name.toString()).isEqualTo("web-01:sleeper");
    }

    @Test
    void readsABareWatcherAsOnEveryNode() {
        QualifiedName name = QualifiedName.parse("sleeper");
        assertThat(name.node()).isEmpty();
        assertThat(name.isQualified()).isFalse();
        assertThat(name.toString()).isEqualTo("sleeper");
        assertThat(QualifiedName.bare("sleeper")).isEqualTo(name);
    }

    @Test
    void splitsAtTheFirstColonOnly() {
        QualifiedName name = QualifiedName.parse("node1:a:b");
        assertThat(name.node()).contains("node1");
        assertThat(name.watcher()).isEqualTo("a:b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b:web", ":web", "node1:", "-x:web", "web 1:x"})
    void keepsTheWholeTextAsAWatcherWhenThePrefixIsNoNodeName(String text) {
        QualifiedName name = QualifiedName.parse(text);
        assertThat(name.node()).isEmpty();
        assertThat(name.watcher()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "web-01", "Node_2", "0", "a-b_c-1"})
    void acceptsNodeNamesOfTheSpec(String name) {
        assertThat(QualifiedName.isValidNodeName(name)).isTrue();
        assertThat(QualifiedName.requireNodeName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "_a", "a.b", "a:b", "a b", "é", "web/1"})
    void refusesOtherNodeNames(String name) {
        assertThat(QualifiedName.isValidNodeName(name)).isFalse();
        assertThatThrownBy(() -> QualifiedName.requireNodeName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "' is not a valid node name")
                .hasMessageContaining("no dots, no colons");
    }

    @Test
    void limitsNodeNamesTo63Characters() {
        assertThat(QualifiedName.isValidNodeName("a".repeat(63))).isTrue();
        assertThat(QualifiedName.isValidNodeName("a".repeat(64))).isFalse();
        assertThat(QualifiedName.isValidNodeName(null)).isFalse();
    }

    @Test
    void refusesAnInvalidNodeOrAnEmptyWatcher() {
        assertThatThrownBy(() -> QualifiedName.of("a.b", "web")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualifiedName(Optional.of("n"), "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be empty");
        assertThatThrownBy(() -> QualifiedName.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualifiedName(null, "web")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void derivesTheDefaultNodeNameFromTheHostName() {
        assertThat(QualifiedName.nodeNameForHost("web-01.example.org")).isEqualTo("web-01");
        assertThat(QualifiedName.nodeNameForHost("my host")).isEqualTo("my-host");
        assertThat(QualifiedName.nodeNameForHost("db:1")).isEqualTo("db-1");
        assertThat(QualifiedName.nodeNameForHost("_build")).isEqualTo("node_build");
        assertThat(QualifiedName.nodeNameForHost("")).isEqualTo("node");
        assertThat(QualifiedName.nodeNameForHost("x".repeat(80))).hasSize(63);
        assertThat(QualifiedName.isValidNodeName(QualifiedName.nodeNameForHost("ünïcode-höst.local"))).isTrue();
    }
}
