package org.circusmeta.manager.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.circusmeta.protocol.CircusJson;
import org.junit.jupiter.api.Test;

class NodeTopicsTest {
    private final NodeTopics n1 = new NodeTopics("node-1");

    @Test
    void qualifiesStatTopicsWithTheNodeSoThatCircusTopSplitsThemAsBefore() {
        assertThat(text(n1.statTopic("stat.web"))).isEqualTo("stat.node-1:web");
        assertThat(text(n1.statTopic("stat.web.1234"))).isEqualTo("stat.node-1:web.1234");
        assertThat(text(n1.statTopic("stat.circus.99"))).isEqualTo("stat.node-1:circus.99");
        assertThat(text(n1.statTopic("stat.web.1234")).split("\\.")).hasSize(3);
    }

    @Test
    void qualifiesEventTopicsWithTheNode() {
        assertThat(text(n1.eventTopic("watcher.web.spawn"))).isEqualTo("watcher.node-1:web.spawn");
        assertThat(text(n1.eventTopic("watcher.node1:web.reap"))).isEqualTo("watcher.node-1:node1:web.reap");
    }

    @Test
    void tellsSocketStatsAggregatesAndWatchersApart() {
        assertThat(NodeTopics.isSocketStat("stat.sockets")).isTrue();
        assertThat(NodeTopics.isSocketStat("stat.sockets.12")).isTrue();
        assertThat(NodeTopics.isSocketStat("stat.socketserver")).isFalse();
        assertThat(NodeTopics.isSocketStat("stat.web")).isFalse();
        assertThat(NodeTopics.isAggregate("stat.web")).isTrue();
        assertThat(NodeTopics.isAggregate("stat.web.12")).isFalse();
        assertThat(NodeTopics.statWatcher("stat.web.12")).isEqualTo("web");
        assertThat(NodeTopics.statWatcher("stat.node1:web")).isEqualTo("node1:web");
    }

    @Test
    void putsTheNodeFirstAndKeepsEveryOtherByteOfTheBody() {
        String body = "{\"mem_info1\": \"1.49M\", \"cpu\": 0.0, \"pid\": 11483, \"name\": null}";
        String out = text(n1.withNode(bytes(body)));
        assertThat(out).isEqualTo("{\"node\": \"node-1\", \"mem_info1\": \"1.49M\", \"cpu\": 0.0, \"pid\": 11483, \"name\": null}");
        ObjectNode parsed = CircusJson.readObject(bytes(out));
        assertThat(parsed.fieldNames().next()).isEqualTo("node");
    }

    @Test
    void insertsIntoEmptyAndSpacedObjects() {
        assertThat(text(n1.withNode(bytes("{}")))).isEqualTo("{\"node\": \"node-1\"}");
        assertThat(text(n1.withNode(bytes("  { } \n")))).isEqualTo("  {\"node\": \"node-1\" } \n");
        assertThat(CircusJson.readObject(n1.withNode(bytes(" {\n \"a\": 1}"))).path("a").asInt()).isEqualTo(1);
    }

    @Test
    void acceptsOnlyBodiesShapedAsObjects() {
        assertThat(NodeTopics.isObject(bytes("{\"a\": 1}"))).isTrue();
        assertThat(NodeTopics.isObject(bytes(" {} "))).isTrue();
        assertThat(NodeTopics.isObject(bytes("[1, 2]"))).isFalse();
        assertThat(NodeTopics.isObject(bytes("\"text\""))).isFalse();
        assertThat(NodeTopics.isObject(bytes("{"))).isFalse();
        assertThat(NodeTopics.isObject(bytes("{\"a\": 1"))).isFalse();
        assertThat(NodeTopics.isObject(bytes(""))).isFalse();
        assertThat(NodeTopics.isObject(bytes("   "))).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
