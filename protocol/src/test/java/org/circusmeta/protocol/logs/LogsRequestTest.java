package org.circusmeta.protocol.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.circusmeta.protocol.MalformedMessageException;
import org.junit.jupiter.api.Test;

class LogsRequestTest {
    private static LogsRequest.Parsed parse(String json) {
        return LogsRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static LogsRequest valid(String json) {
        return ((LogsRequest.Valid) parse(json)).request();
    }

    private static String refused(String json) {
        LogsRequest.Parsed p = parse(json);
        assertThat(p).isInstanceOf(LogsRequest.Refused.class);
        return ((LogsRequest.Refused) p).refusal().code() + ": " + ((LogsRequest.Refused) p).refusal().reason();
    }

    @Test
    void readsATailWithItsFilters() {
        LogsRequest r = valid("{\"v\": 1, \"id\": \"r1\", \"type\": \"tail\", \"watcher\": \"web\", \"pid\": 42, "
                + "\"stream\": \"stderr\", \"lines\": 5}");
        assertThat(r.query()).contains(LogQuery.of("web", 5).withPid(42).withStream(LogStream.STDERR));
        assertThat(valid("{\"v\": 1, \"id\": \"r\", \"type\": \"tail\", \"watcher\": \"web\"}").query().orElseThrow().lines())
                .as("a tail's default").isEqualTo(100);
    }

    @Test
    void readsAFollowAndItsSince() {
        LogsRequest r = valid("{\"v\": 1, \"id\": \"r2\", \"type\": \"follow\", \"follow\": \"f1\", \"watcher\": \"web\", "
                + "\"since\": {\"epoch\": \"e\", \"seq\": 12}}");
        assertThat(r.follow()).contains("f1");
        assertThat(r.since()).contains(new LogsRequest.Since("e", 12));
        assertThat(r.query().orElseThrow().lines()).isZero();
    }

    @Test
    void refusesWhatItCannotServeSayingWhy() {
        assertThat(refused("{\"v\": 2, \"id\": \"a\", \"type\": \"info\"}")).startsWith(Refusal.UNSUPPORTED_VERSION);
        assertThat(refused("{\"v\": 1, \"type\": \"info\"}")).contains("needs an \"id\"");
        assertThat(refused("{\"v\": 1, \"id\": \"a\", \"type\": \"tail\"}")).contains("needs \"watcher\"");
        assertThat(refused("{\"v\": 1, \"id\": \"a\", \"type\": \"tail\", \"watcher\": \"w\", \"pid\": -1}")).contains("\"pid\"");
        assertThat(refused("{\"v\": 1, \"id\": \"a\", \"type\": \"tail\", \"watcher\": \"w\", \"stream\": \"x\"}"))
                .contains("\"stream\"");
        assertThat(refused("{\"v\": 1, \"id\": \"a\", \"type\": \"tail\", \"watcher\": \"w\", \"lines\": 2000000}"))
                .contains("\"lines\"");
        assertThat(refused("{\"v\": 1, \"id\": \"a\", \"type\": \"follow\", \"watcher\": \"w\"}")).contains("\"follow\"");
        assertThat(refused("{\"v\": 1, \"id\": \"a\", \"type\": \"follow\", \"follow\": \"f\", \"watcher\": \"w\", "
                + "\"since\": {\"seq\": 1}}")).contains("\"since\"");
        assertThat(refused("{\"v\": 1, \"id\": \"a\", \"type\": \"grep\"}")).startsWith(Refusal.BAD_REQUEST).contains("grep");
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(MalformedMessageException.class);
    }
}
