package org.circusmeta.manager.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.circusmeta.manager.cluster.NodeAnswers.Answer;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;
import org.junit.jupiter.api.Test;

class ReplyMergeTest {

    @Test
    void addsCountsUpAndKeepsTheNameAsSent() {
        Reply merged = ReplyMerge.fields(List.of(
                answer("n1", "{\"status\": \"ok\", \"time\": 1.0, \"numprocesses\": 2, \"watcher_name\": \"web\", \"id\": null}"),
                answer("n2", "{\"status\": \"ok\", \"time\": 1.0, \"numprocesses\": 3, \"watcher_name\": \"web\", \"id\": null}")));
        assertThat(merged.status()).isEqualTo("ok");
        assertThat(merged.get("numprocesses").asInt()).isEqualTo(5);
        assertThat(merged.get("watcher_name").asText()).isEqualTo("web");
        assertThat(merged.toJson().fieldNames()).toIterable().containsExactly("status", "time", "numprocesses", "watcher_name", "id");
    }

    @Test
    void joinsPidListsInOrderAndProcessMaps() {
        Reply pids = ReplyMerge.fields(List.of(
                answer("n1", "{\"status\": \"ok\", \"time\": 1.0, \"pids\": [30, 10], \"id\": null}"),
                answer("n2", "{\"status\": \"ok\", \"time\": 1.0, \"pids\": [20], \"id\": null}")));
        assertThat(pids.get("pids").toString()).isEqualTo("[10,20,30]");

        Reply stats = ReplyMerge.fields(List.of(
                answer("n1", "{\"status\": \"ok\", \"time\": 1.0, \"name\": \"web\", \"info\": {\"10\": {\"cpu\": 1.0}}, \"id\": null}"),
                answer("n2", "{\"status\": \"ok\", \"time\": 1.0, \"name\": \"web\", \"info\": {\"20\": {\"cpu\": 2.0}}, \"id\": null}")));
        assertThat(stats.get("name").asText()).isEqualTo("web");
        assertThat(stats.get("info").fieldNames()).toIterable().containsExactly("10", "20");

        Reply restarted = ReplyMerge.fields(List.of(
                answer("n1", "{\"status\": \"ok\", \"time\": 1.0, \"info\": {\"stopped\": [1], \"started\": [3], \"kept\": []}, \"id\": null}"),
                answer("n2", "{\"status\": \"ok\", \"time\": 1.0, \"info\": {\"stopped\": [2], \"started\": [4], \"kept\": []}, \"id\": null}")));
        assertThat(restarted.get("info").path("started").toString()).isEqualTo("[3,4]");
    }

    @Test
    void plainRepliesStayPlain() {
        Reply merged = ReplyMerge.fields(List.of(answer("n1", "{\"status\": \"ok\", \"time\": 1.0, \"id\": null}"),
                answer("n2", "{\"status\": \"ok\", \"time\": 2.0, \"id\": \"x\"}")));
        assertThat(merged.toJson().fieldNames()).toIterable().containsExactly("status", "time", "id");
    }

    @Test
    void givesTheCommonStateOrEachStateWithItsNodes() {
        Reply same = ReplyMerge.status(List.of(answer("n1", "{\"status\": \"active\", \"time\": 1.0, \"id\": null}"),
                answer("n2", "{\"status\": \"active\", \"time\": 1.0, \"id\": null}")));
        assertThat(same.status()).isEqualTo("active");
        Reply mixed = ReplyMerge.status(List.of(answer("n1", "{\"status\": \"active\", \"time\": 1.0, \"id\": null}"),
                answer("n2", "{\"status\": \"stopped\", \"time\": 1.0, \"id\": null}"),
                answer("n3", "{\"status\": \"active\", \"time\": 1.0, \"id\": null}")));
        assertThat(mixed.status()).isEqualTo("active on n1, n3; stopped on n2");
    }

    @Test
    void keepsOptionsTheNodesAgreeOnAndSplitsTheOthersByNode() {
        Reply merged = ReplyMerge.options(List.of(
                answer("n1", "{\"status\": \"ok\", \"time\": 1.0, \"options\": {\"cmd\": \"sleep\", \"numprocesses\": 1}, \"id\": null}"),
                answer("n2", "{\"status\": \"ok\", \"time\": 1.0, \"options\": {\"cmd\": \"sleep\", \"numprocesses\": 3}, \"id\": null}")));
        assertThat(merged.get("options").path("cmd").asText()).isEqualTo("sleep");
        assertThat(merged.get("options").path("numprocesses").toString()).isEqualTo("{\"n1\":1,\"n2\":3}");
    }

    private static Answer answer(String node, String reply) {
        return new Answer(node, Reply.of(CircusJson.readObject(reply.getBytes(StandardCharsets.UTF_8))));
    }
}
