package org.circusmeta.manager.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventHubTest {
    private final MetricRegistry registry = new MetricRegistry();
    private final EventHub hub = new EventHub(3, 2, new RelayMetrics(registry));

    @Test
    void aReaderThatFallsAQueueBehindIsDroppedAndCounted() throws InterruptedException {
        EventClient slow = hub.subscribe(Optional.empty(), Optional.empty()).orElseThrow();
        for (int i = 0; i < 10; i++) {
            hub.publish(event("n1", "web", "spawn"));
        }
        assertThat(hub.clients()).isZero();
        assertThat(slow.overflowed()).isTrue();
        assertThat(registry.counter(RelayMetrics.EVENT_READERS_DROPPED).getCount()).isEqualTo(1);
        int read = 0;
        while (slow.next(Duration.ZERO).isPresent()) {
            read++;
        }
        assertThat(read).isEqualTo(3);
    }

    @Test
    void filtersByNodeAndWatcher() throws InterruptedException {
        EventClient onN2 = hub.subscribe(Optional.of("n2"), Optional.of("Web")).orElseThrow();
        hub.publish(event("n1", "web", "spawn"));
        hub.publish(event("n2", "worker", "spawn"));
        hub.publish(event("n2", "web", "reap"));
        assertThat(onN2.next(Duration.ZERO).map(RelayEvent::event)).contains("reap");
        assertThat(onN2.next(Duration.ZERO)).isEmpty();
    }

    @Test
    void servesAtMostMaxReaders() {
        assertThat(hub.subscribe(Optional.empty(), Optional.empty())).isPresent();
        assertThat(hub.subscribe(Optional.empty(), Optional.empty())).isPresent();
        assertThat(hub.subscribe(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void closingWakesEveryReader() throws InterruptedException {
        EventClient reader = hub.subscribe(Optional.empty(), Optional.empty()).orElseThrow();
        hub.close();
        assertThat(reader.next(Duration.ofSeconds(5))).isEmpty();
        assertThat(reader.isDone()).isTrue();
    }

    @Test
    void writesTheEventWithItsBodyParsed() {
        assertThat(event("n1", "web", "spawn").toJson())
                .isEqualTo("{\"node\": \"n1\", \"watcher\": \"web\", \"event\": \"spawn\", \"body\": {\"process_pid\": 12, \"time\": 1.5}}");
    }

    private static RelayEvent event(String node, String watcher, String event) {
        return new RelayEvent(node, watcher, event, "{\"process_pid\": 12, \"time\": 1.5}".getBytes(StandardCharsets.UTF_8));
    }
}
