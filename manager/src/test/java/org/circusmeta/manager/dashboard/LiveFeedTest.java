package org.circusmeta.manager.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.manager.nodes.NodeLoad;
import org.circusmeta.manager.nodes.NodeState;
import org.circusmeta.manager.nodes.NodeSummary;
import org.circusmeta.manager.resources.ApiMapper;
import org.circusmeta.registration.record.NodeRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final ObjectMapper mapper = ApiMapper.configure(new ObjectMapper());
    private final NodesRead reads = new NodesRead();
    private LiveFeed feed;

    @AfterEach
    void close() {
        if (feed != null) {
            feed.close();
        }
    }

    @Test
    void aNewReaderGetsEveryNodeThenTheirHistory() throws Exception {
        reads.set(node("web-01", NodeState.ATTACHED));
        LiveReader reader = started(8);

        LiveReader.Message nodes = reader.next(WAIT).orElseThrow();
        assertThat(nodes.event()).isEqualTo("nodes");
        JsonNode list = mapper.readTree(nodes.data());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("name").asText()).isEqualTo("web-01");
        assertThat(list.get(0).path("labels").path("tier").asText()).isEqualTo("web");
        assertThat(list.get(0).path("load").path("processes").asInt()).isEqualTo(3);
        assertThat(reader.next(WAIT).orElseThrow().event()).isEqualTo("history");
    }

    @Test
    void aStateChangeIsANodeEventAndALeavingNodeIsGone() throws Exception {
        reads.set(node("web-01", NodeState.ATTACHED), node("web-02", NodeState.ATTACHED));
        LiveReader reader = started(64);
        skipSnapshot(reader);

        reads.set(node("web-01", NodeState.UNREACHABLE), node("web-02", NodeState.ATTACHED));
        feed.stateChanged("web-01", NodeState.ATTACHED, NodeState.UNREACHABLE);
        JsonNode changed = mapper.readTree(nextOf(reader, "node").data());
        assertThat(changed.path("name").asText()).isEqualTo("web-01");
        assertThat(changed.path("state").asText()).isEqualTo("unreachable");

        reads.set(node("web-01", NodeState.UNREACHABLE));
        feed.closed("web-02");
        assertThat(mapper.readTree(nextOf(reader, "gone").data()).path("name").asText()).isEqualTo("web-02");
    }

    @Test
    void aReaderThatFallsAQueueBehindIsDroppedAndTheOthersGoOn() throws Exception {
        reads.set(node("web-01", NodeState.ATTACHED));
        LiveReader stalled = started(4);
        LiveReader reading = feed.subscribe().orElseThrow();
        skipSnapshot(reading);

        for (int i = 0; i < 6; i++) {
            NodeState state = i % 2 == 0 ? NodeState.UNREACHABLE : NodeState.ATTACHED;
            reads.set(node("web-01", state));
            feed.stateChanged("web-01", NodeState.ATTACHED, state);
            nextOf(reading, "node");
        }
        await().atMost(WAIT).until(stalled::isDone);
        assertThat(reading.isDone()).isFalse();
    }

    @Test
    void refusesReadersPastItsMost() {
        feed = new LiveFeed(reads, mapper, 2, 8);
        feed.start();
        assertThat(feed.subscribe()).isPresent();
        assertThat(feed.subscribe()).isPresent();
        assertThat(feed.subscribe()).isEmpty();
    }

    private LiveReader started(int queue) {
        feed = new LiveFeed(reads, mapper, 4, queue);
        feed.start();
        return feed.subscribe().orElseThrow();
    }

    private static void skipSnapshot(LiveReader reader) throws InterruptedException {
        nextOf(reader, "history");
    }

    /** The next message of this kind, skipping the others (the load of every tick). */
    private static LiveReader.Message nextOf(LiveReader reader, String event) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            Optional<LiveReader.Message> message = reader.next(Duration.ofMillis(200));
            if (message.isPresent() && message.get().event().equals(event)) {
                return message.get();
            }
        }
        throw new AssertionError("no '" + event + "' event within " + WAIT);
    }

    private static NodeSummary node(String name, NodeState state) {
        NodeRecord record = NodeRecord.of(name, "tcp://127.0.0.1:5555", Optional.empty(), Optional.empty(), "host-a",
                Map.of("tier", "web"), 1.0, NodeRecord.KIND_NODE, "0.1.0");
        return new NodeSummary(name, state, true, Optional.of(record), Optional.empty(), new NodeLoad(2, 3, 1.5, 0.25),
                Optional.of(Instant.parse("2026-11-26T04:40:04Z")),
                state == NodeState.UNREACHABLE ? Optional.of(Instant.parse("2026-11-26T04:40:05Z")) : Optional.empty());
    }
}
