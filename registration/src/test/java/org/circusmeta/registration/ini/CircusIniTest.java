package org.circusmeta.registration.ini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CircusIniTest {
    private static CircusIni ini(String text) {
        return CircusIni.parse(text, "circus.ini");
    }

    private static CircusSettings circus(String text) {
        return ini(text).circus();
    }

    @Test
    void readsIndentedLinesAsContinuationsOfTheValue() {
        CircusIni ini = ini("""
                [watcher:web]
                cmd = python
                  -m http.server

                  8080
                numprocesses = 2
                """);
        IniSection web = ini.section("watcher:web").orElseThrow();
        assertThat(web.get("cmd")).contains("python\n-m http.server\n\n8080");
        assertThat(web.integer("numprocesses", 1)).isEqualTo(2);
    }

    @Test
    void skipsCommentLinesButKeepsInlineCommentsInTheValue() {
        CircusIni ini = ini("""
                # a comment
                ; another
                [circus]
                  # an indented comment
                check_delay = 2 ; not a comment in Python's parser
                """);
        assertThat(ini.section("circus").orElseThrow().get("check_delay")).contains("2 ; not a comment in Python's parser");
    }

    @Test
    void lowerCasesOptionNamesButKeepsSectionNamesAsWritten() {
        CircusIni ini = ini("""
                [Circus]
                Endpoint = tcp://127.0.0.1:7000
                [watcher:Web]
                CMD = sleep 1
                """);
        assertThat(ini.sectionNames()).containsExactly("Circus", "watcher:Web");
        assertThat(ini.section("circus")).isEmpty();
        IniSection web = ini.section("watcher:Web").orElseThrow();
        assertThat(web.options()).containsOnlyKeys("cmd");
        assertThat(web.get("Cmd")).contains("sleep 1");
        assertThat(web.has("CMD")).isTrue();
        assertThat(web.nameAfter("watcher:")).isEqualTo("Web");
        assertThat(ini.circus().endpoint()).isEqualTo(CircusSettings.DEFAULT_ENDPOINT);
    }

    @Test
    void splitsAtTheFirstEqualsOrColon() {
        CircusIni ini = ini("""
                [circus]
                endpoint = tcp://127.0.0.1:7000
                pubsub_endpoint: tcp://127.0.0.1:7001
                [env]
                URL = http://example.org/a=b
                """);
        assertThat(ini.circus().endpoint()).isEqualTo("tcp://127.0.0.1:7000");
        assertThat(ini.circus().pubsubEndpoint()).isEqualTo("tcp://127.0.0.1:7001");
        assertThat(ini.section("env").orElseThrow().get("url")).contains("http://example.org/a=b");
    }

    @Test
    void refusesADuplicateSectionOrOptionNamingTheLine() {
        assertThatThrownBy(() -> ini("[circus]\n[watcher:a]\ncmd = x\n[circus]\n"))
                .isInstanceOf(IniException.class)
                .hasMessage("circus.ini:4: section [circus] appears twice; merge the two");
        assertThatThrownBy(() -> ini("[circus]\nstatsd = 1\nStatsd = 0\n"))
                .isInstanceOf(IniException.class)
                .hasMessageStartingWith("circus.ini:3: option 'statsd' appears twice in [circus]");
    }

    @Test
    void refusesLinesThatAreNotOptions() {
        assertThatThrownBy(() -> ini("endpoint = tcp://127.0.0.1:5555\n"))
                .hasMessageContaining("circus.ini:1:").hasMessageContaining("before any [section]");
        assertThatThrownBy(() -> ini("[circus]\nstatsd\n")).hasMessageContaining("circus.ini:2:")
                .hasMessageContaining("is not 'key = value'");
        assertThatThrownBy(() -> ini("[circus]\n= 1\n")).hasMessageContaining("a value without a key");
    }

    @Test
    void theDefaultSectionGivesFallbacksToEverySection() {
        CircusIni ini = ini("""
                [DEFAULT]
                check_delay = 2.5
                numprocesses = 3
                [circus]
                [watcher:a]
                cmd = sleep 1
                [watcher:b]
                cmd = sleep 2
                numprocesses = 1
                """);
        assertThat(ini.sectionNames()).containsExactly("circus", "watcher:a", "watcher:b");
        assertThat(ini.circus().checkDelay()).isEqualTo(2.5);
        assertThat(ini.sectionsStartingWith("watcher:")).extracting(s -> s.integer("numprocesses", 1))
                .containsExactly(3, 1);
        assertThat(ini.section("watcher:a").orElseThrow().options()).containsOnlyKeys("cmd");
    }

    @Test
    void circusSectionHasCircusdsDefaults() {
        CircusSettings defaults = circus("[watcher:a]\ncmd = sleep 1\n");
        assertThat(defaults).isEqualTo(new CircusSettings("tcp://127.0.0.1:5555", "tcp://127.0.0.1:5556",
                Optional.empty(), 5.0, "udp://237.219.251.97:12027", 0));
        assertThat(circus("[circus]\n")).isEqualTo(defaults);
        assertThat(circus("[circus]\nendpoint = tcp://127.0.0.1:7000\n").pubsubEndpoint())
                .isEqualTo(CircusSettings.DEFAULT_PUBSUB);
        assertThat(circus("[circus]\nmulticast_endpoint =\n").multicastEndpoint()).isEmpty();
    }

    @Test
    void statsEndpointOnlyWhenStatsAreOn() {
        assertThat(circus("[circus]\nstatsd = false\n").statsEndpoint()).isEmpty();
        assertThat(circus("[circus]\nstatsd = off\n").statsEndpoint()).isEmpty();
        assertThat(circus("[circus]\nstatsd = True\n").statsEndpoint()).contains(CircusSettings.DEFAULT_STATS);
        assertThat(circus("[circus]\nstatsd = 1\nstats_endpoint = tcp://127.0.0.1:7002\n").statsEndpoint())
                .contains("tcp://127.0.0.1:7002");
    }

    @Test
    void aStatsEndpointTurnsStatsOnAsCircusdDoes() {
        assertThat(circus("[circus]\nstats_endpoint = tcp://127.0.0.1:7002\n").statsEndpoint())
                .contains("tcp://127.0.0.1:7002");
        assertThat(circus("[circus]\nstatsd = no\nstats_endpoint = tcp://127.0.0.1:7002\n").statsEndpoint())
                .contains("tcp://127.0.0.1:7002");
    }

    @Test
    void keepsWildcardBindsAsWritten() {
        CircusSettings s = circus("""
                [circus]
                endpoint = tcp://0.0.0.0:5555
                pubsub_endpoint = tcp://*:5556
                statsd = on
                stats_endpoint = ipc:///tmp/stats.sock
                """);
        assertThat(s.endpoint()).isEqualTo("tcp://0.0.0.0:5555");
        assertThat(s.pubsubEndpoint()).isEqualTo("tcp://*:5556");
        assertThat(s.statsEndpoint()).contains("ipc:///tmp/stats.sock");
    }

    @Test
    void badValuesNameTheFileLineSectionAndKey() {
        assertThatThrownBy(() -> circus("[circus]\ncheck_delay = soon\n"))
                .isInstanceOf(IniException.class)
                .hasMessage("circus.ini:2: [circus] check_delay = 'soon' is not a number");
        assertThatThrownBy(() -> circus("[circus]\ncheck_delay = 0\n"))
                .hasMessageContaining("[circus] check_delay = '0' is not a positive number of seconds");
        assertThatThrownBy(() -> circus("[circus]\ncheck_delay = 5d\n")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> circus("[circus]\nstatsd = maybe\n"))
                .hasMessageContaining("[circus] statsd = 'maybe' is not a boolean");
        assertThatThrownBy(() -> circus("[circus]\n\nendpoint = http://x:1\n"))
                .hasMessageStartingWith("circus.ini:3: [circus] endpoint = 'http://x:1' is not an endpoint");
        assertThatThrownBy(() -> circus("[circus]\nwarmup_delay = 0.5\n"))
                .hasMessageContaining("[circus] warmup_delay = '0.5' is not a whole number");
    }

    @Test
    void readsNumbersAsPythonDoes() {
        IniSection s = ini("[a]\nx = 1e1\ny = .5\nz = 1_000\n").section("a").orElseThrow();
        assertThat(s.number("x", 0)).isEqualTo(10.0);
        assertThat(s.number("y", 0)).isEqualTo(0.5);
        assertThat(s.number("z", 0)).isEqualTo(1000.0);
        assertThat(s.number("missing", 7)).isEqualTo(7.0);
    }

    @Test
    void readsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("circus.ini");
        Files.writeString(file, "[circus]\nendpoint = tcp://127.0.0.1:7000\n", StandardCharsets.UTF_8);
        assertThat(CircusIni.read(file).circus().endpoint()).isEqualTo("tcp://127.0.0.1:7000");
        assertThat(CircusIni.read(file).source()).isEqualTo(file.toString());

        Path missing = dir.resolve("nope.ini");
        assertThatThrownBy(() -> CircusIni.read(missing))
                .isInstanceOf(IniException.class)
                .hasMessage("circus.ini not found: " + missing + " (give the path of the circusd configuration file)");

        Path binary = dir.resolve("binary.ini");
        Files.write(binary, new byte[] {'[', 'a', ']', '\n', 'x', '=', (byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> CircusIni.read(binary)).hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void findsSectionsByPrefixInFileOrder() {
        CircusIni ini = ini("[watcher:b]\ncmd=1\n[env:b]\nA=1\n[watcher:a:x]\ncmd=2\n");
        List<IniSection> watchers = ini.sectionsStartingWith("watcher:");
        assertThat(watchers).extracting(s -> s.nameAfter("watcher:")).containsExactly("b", "a:x");
    }
}
