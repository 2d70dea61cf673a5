package org.circusmeta.registration.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.circusmeta.registration.ini.IniException;
import org.circusmeta.registration.record.HostInfo;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.registrar.RegistrarOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationPlanTest {
    private static final HostInfo HOST = new HostInfo("web-01.example.org", "10.0.0.5");

    @TempDir
    Path dir;

    private RegistrationPlan plan(String ini, String... more) throws Exception {
        Path file = dir.resolve("circus.ini");
        Files.writeString(file, ini, StandardCharsets.UTF_8);
        String[] args = new String[more.length + 4];
        args[0] = "--zookeeper";
        args[1] = "zk:2181";
        args[2] = "--circus-ini";
        args[3] = file.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return RegistrationPlan.of(RegisterFlagsTest.parse(args), HOST);
    }

    @Test
    void takesCircusdsDefaultsForMissingKeysAndNoStatsUnlessTurnedOn() throws Exception {
        RegistrationPlan plan = plan("[watcher:web]\ncmd = sleep 1\n");
        NodeRecord record = plan.options().record();
        assertThat(record.endpoint()).isEqualTo("tcp://127.0.0.1:5555");
        assertThat(record.pubsubEndpoint()).contains("tcp://127.0.0.1:5556");
        assertThat(record.statsEndpoint()).isEmpty();
        assertThat(plan.options().healthEndpoint()).isEqualTo("tcp://127.0.0.1:5555");
        assertThat(plan.zookeeper().connect()).isEqualTo("zk:2181");
        assertThat(plan.zookeeper().namespace()).isEqualTo("circusmeta");
        assertThat(plan.zookeeper().credentials()).isEmpty();
        assertThat(plan.options().recordSessions()).isEmpty();
    }

    @Test
    void anAuthFileGivesTheIdentity() throws Exception {
        Path auth = Files.writeString(dir.resolve("zk.auth"), "# this node\nweb-01:s3cret:with-colon\n");
        RegistrationPlan plan = plan("", "--zookeeper-auth-file", auth.toString());
        assertThat(plan.zookeeper().credentials()).hasValueSatisfying(c -> assertThat(c.user()).isEqualTo("web-01"));
    }

    @Test
    void aMissingAuthFileIsNamed() {
        Path missing = dir.resolve("none.auth");
        assertThatThrownBy(() -> plan("", "--zookeeper-auth-file", missing.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the ZooKeeper credentials file " + missing);
    }

    @Test
    void asksCircusdOnceASecondWithinTheHealthGate() throws Exception {
        RegistrarOptions options = plan("[circus]\n").options();
        assertThat(options.healthInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.healthTimeout()).isEqualTo(RegistrarOptions.DEFAULT_HEALTH_TIMEOUT);
        assertThat(options.unhealthyAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void statsEndpointWhenTheIniTurnsStatsOn() throws Exception {
        assertThat(plan("[circus]\nstatsd = true\n").options().record().statsEndpoint())
                .contains("tcp://127.0.0.1:5557");
        assertThat(plan("[circus]\nstats_endpoint = tcp://127.0.0.1:7002\n").options().record().statsEndpoint())
                .contains("tcp://127.0.0.1:7002");
        assertThat(plan("[circus]\nstatsd = off\n").options().record().statsEndpoint()).isEmpty();
    }

    @Test
    void advertisesAWildcardBindWithTheAdvertisedHostAndAsksForHealthOnLoopback() throws Exception {
        String ini = "[circus]\nendpoint = tcp://0.0.0.0:5555\npubsub_endpoint = tcp://*:5556\nstatsd = 1\n"
                + "stats_endpoint = tcp://0.0.0.0:5557\n";
        RegistrarOptions byDefault = plan(ini).options();
        assertThat(byDefault.record().endpoint()).isEqualTo("tcp://10.0.0.5:5555");
        assertThat(byDefault.record().pubsubEndpoint()).contains("tcp://10.0.0.5:5556");
        assertThat(byDefault.record().statsEndpoint()).contains("tcp://10.0.0.5:5557");
        assertThat(byDefault.healthEndpoint()).isEqualTo("tcp://127.0.0.1:5555");

        RegistrarOptions advertised = plan(ini, "--advertise-host", "web-01.internal").options();
        assertThat(advertised.record().endpoint()).isEqualTo("tcp://web-01.internal:5555");
        assertThat(advertised.record().pubsubEndpoint()).contains("tcp://web-01.internal:5556");
    }

    @Test
    void keepsABindOnOneAddressAsItIs() throws Exception {
        RegistrarOptions options = plan("[circus]\nendpoint = tcp://10.0.0.9:6000\n", "--advertise-host", "x").options();
        assertThat(options.record().endpoint()).isEqualTo("tcp://10.0.0.9:6000");
        assertThat(options.healthEndpoint()).isEqualTo("tcp://10.0.0.9:6000");
    }

    @Test
    void buildsTheRecordOfSpecSection3() throws Exception {
        RegistrarOptions options = plan("[circus]\n", "--label", "zone=eu-1", "--capacity", "2",
                "--state-dir", dir.toString()).options();
        NodeRecord record = options.record();
        assertThat(record.name()).isEqualTo("web-01");
        assertThat(options.name()).isEqualTo("web-01");
        assertThat(record.host()).isEqualTo("web-01.example.org");
        assertThat(record.labels()).isEqualTo(Map.of("zone", "eu-1"));
        assertThat(record.capacity()).isEqualTo(2.0);
        assertThat(record.kind()).isEqualTo("circusd");
        assertThat(record.version()).isEqualTo("0.19");
        assertThat(options.stateDir()).contains(dir);
        assertThat(plan("[circus]\n", "--name", "db-7", "--version-label", "0.19.0").options().record())
                .extracting(NodeRecord::name, NodeRecord::version).containsExactly("db-7", "0.19.0");
    }

    @Test
    void explicitEndpointsInsteadOfAnIni() {
        RegistrationPlan plan = RegistrationPlan.of(RegisterFlagsTest.parse("--zookeeper", "zk:1", "--endpoint",
                "tcp://*:5555", "--stats", "tcp://*:5557"), HOST);
        assertThat(plan.options().record().endpoint()).isEqualTo("tcp://10.0.0.5:5555");
        assertThat(plan.options().record().pubsubEndpoint()).isEmpty();
        assertThat(plan.options().record().statsEndpoint()).contains("tcp://10.0.0.5:5557");
        assertThat(plan.options().healthEndpoint()).isEqualTo("tcp://127.0.0.1:5555");
    }

    @Test
    void noIniAndNoEndpointMeansCircusdsDefaults() {
        RegistrationPlan plan = RegistrationPlan.of(RegisterFlagsTest.parse("--zookeeper", "zk:1"), HOST);
        assertThat(plan.options().record().endpoint()).isEqualTo("tcp://127.0.0.1:5555");
        assertThat(plan.options().record().pubsubEndpoint()).contains("tcp://127.0.0.1:5556");
    }

    @Test
    void namesAMissingOrBrokenIni() {
        Path missing = dir.resolve("nope.ini");
        assertThatThrownBy(() -> RegistrationPlan.of(RegisterFlagsTest.parse("--zookeeper", "zk:1", "--circus-ini",
                missing.toString()), HOST)).isInstanceOf(IniException.class).hasMessageContaining("not found: " + missing);
        assertThatThrownBy(() -> plan("[circus]\nendpoint = udp://x:1\n")).isInstanceOf(IniException.class)
                .hasMessageContaining("[circus] endpoint");
    }

    @Test
    void servesTheLogsOnAFreePortOfTheAddressCircusdBinds() throws Exception {
        assertThat(plan("[circus]\n").logs().orElseThrow().logsEndpoint()).isEqualTo("tcp://127.0.0.1:0");
        RegistrationPlan wildcard = plan("[circus]\nendpoint = tcp://0.0.0.0:5555\n");
        assertThat(wildcard.logs().orElseThrow().logsEndpoint()).isEqualTo("tcp://0.0.0.0:0");
        assertThat(wildcard.logs().orElseThrow().controlEndpoint()).isEqualTo("tcp://127.0.0.1:5555");
        assertThat(wildcard.logs().orElseThrow().pubsubEndpoint()).contains("tcp://127.0.0.1:5556");
        assertThat(wildcard.logs().orElseThrow().circusIni()).contains(dir.resolve("circus.ini"));
        assertThat(wildcard.advertiseHost()).isEqualTo("10.0.0.5");
        assertThat(RegistrationPlan.defaultLogsEndpoint("tcp://circusd.lan:5555")).as("a name may not resolve yet")
                .isEqualTo("tcp://0.0.0.0:0");
        assertThat(RegistrationPlan.defaultLogsEndpoint("ipc:///run/circus.sock")).isEqualTo("tcp://127.0.0.1:0");
        assertThat(plan("[circus]\n", "--logs-endpoint", "tcp://10.0.0.5:7000").logs().orElseThrow().logsEndpoint())
                .isEqualTo("tcp://10.0.0.5:7000");
        assertThat(plan("[circus]\n", "--logs-endpoint", "none").logs()).isEmpty();
    }

    @Test
    void defaultNameIsTheShortHostName() {
        HostInfo odd = new HostInfo("Web_01.example.org", "10.0.0.5");
        assertThat(RegistrationPlan.of(RegisterFlagsTest.parse("--zookeeper", "zk:1"), odd).options().name())
                .isEqualTo("Web_01");
        HostInfo dotted = new HostInfo("my host.lan", "10.0.0.5");
        assertThat(RegistrationPlan.of(RegisterFlagsTest.parse("--zookeeper", "zk:1"), dotted).options().name())
                .isEqualTo("my-host");
    }
}
