package org.circusmeta.registration.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;
import org.circusmeta.registration.zookeeper.ZooKeeperSettings;
import org.junit.jupiter.api.Test;

class RegistrarOptionsTest {
    private static final NodeRecord RECORD = NodeRecord.of("web-01", "tcp://10.0.0.5:5555", Optional.empty(),
            Optional.empty(), "web-01.example.org", Map.of(), 1.0, NodeRecord.KIND_CIRCUSD, "0.19");

    @Test
    void defaultsFollowTheSpec() {
        RegistrarOptions options = RegistrarOptions.of(RECORD);
        assertThat(options.name()).isEqualTo("web-01");
        assertThat(options.healthEndpoint()).isEqualTo("tcp://10.0.0.5:5555");
        assertThat(options.unhealthyAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.healthInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.stateDir()).isEmpty();
    }

    @Test
    void withersChangeOneThing() {
        RegistrarOptions options = RegistrarOptions.of(RECORD).withName("web-02")
                .withHealthEndpoint("tcp://127.0.0.1:5555").withUnhealthyAfter(Duration.ofSeconds(5))
                .withHealthChecks(Duration.ofMillis(200), Duration.ofMillis(300)).withStateDir(Path.of("state"));
        assertThat(options).isEqualTo(new RegistrarOptions("web-02", RECORD, "tcp://127.0.0.1:5555",
                Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(300), Optional.of(Path.of("state")),
                Optional.empty()));
    }

    @Test
    void recordSessionsNeedAnIdentity() {
        ZooKeeperSettings open = ZooKeeperSettings.of("zk:2181", "circusmeta", Duration.ofSeconds(10));
        assertThatThrownBy(() -> new RecordSessions(open)).hasMessageContaining("need an identity");
        try (RecordSessions secured = new RecordSessions(open.withCredentials(ZooKeeperCredentials.parse("web-01:pw",
                "test")))) {
            assertThat(RegistrarOptions.of(RECORD).withRecordSessions(secured).recordSessions()).contains(secured);
        }
    }

    @Test
    void refusesWhatCannotWork() {
        RegistrarOptions options = RegistrarOptions.of(RECORD);
        assertThatThrownBy(() -> options.withName("web.01")).hasMessageContaining("not a valid node name");
        assertThatThrownBy(() -> options.withHealthEndpoint("http://x:1")).hasMessageContaining("tcp:// or ipc://");
        assertThatThrownBy(() -> options.withUnhealthyAfter(Duration.ZERO)).hasMessageContaining("unhealthyAfter");
        assertThatThrownBy(() -> options.withHealthChecks(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessageContaining("healthInterval");
    }
}
