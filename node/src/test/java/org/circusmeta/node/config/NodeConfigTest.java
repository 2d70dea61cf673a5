package org.circusmeta.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.circusmeta.registration.ini.IniException;
import org.junit.jupiter.api.Test;

class NodeConfigTest {

    @Test
    void readsWatchersWithCircusdDefaultsAndTypes() {
        NodeConfig c = NodeConfig.parse("""
                [circus]
                endpoint = tcp://127.0.0.1:0
                [watcher:web]
                cmd = sleep 100
                graceful_timeout = 3
                stop_signal = INT
                """, "t.ini");

        WatcherSpec web = c.watchers().get(0);
        assertThat(web.name()).isEqualTo("web");
        assertThat(web.numprocesses()).isEqualTo(1);
        assertThat(web.respawn()).isTrue();
        assertThat(web.autostart()).isTrue();
        assertThat(web.stopSignal()).isEqualTo(2);
        assertThat(web.options().get("graceful_timeout").isDouble()).isTrue();
        assertThat(web.options().get("warmup_delay").isInt()).isTrue();
        assertThat(web.options().get("args").asText()).isEmpty();
        assertThat(web.options().get("__name__").asText()).isEqualTo("watcher:web");
        assertThat(c.circus().checkDelay()).isEqualTo(5.0);
        assertThat(c.circus().statsEndpoint()).isEmpty();
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void appliesEnvSectionsByPatternWithTheNameLeak() {
        NodeConfig c = NodeConfig.parse("""
                [watcher:web-1]
                cmd = sleep 1
                [watcher:worker]
                cmd = sleep 1
                [env]
                ALL = yes
                [env:web-*,nothing]
                Mixed_Case = kept
                """, "t.ini");

        assertThat(c.watchers().get(0).env()).containsEntry("ALL", "yes").containsEntry("Mixed_Case", "kept")
                .containsEntry("__name__", "env:web-*,nothing");
        assertThat(c.watchers().get(1).env()).containsEntry("ALL", "yes").containsEntry("__name__", "env")
                .doesNotContainKey("Mixed_Case");
    }

    @Test
    void expandsTheNodeEnvironment() {
        String home = System.getenv("PATH");
        NodeConfig c = NodeConfig.parse("[watcher:w]\ncmd = echo $(circus.env.PATH) $(circus.wid)\n", "t.ini");

        assertThat(c.watchers().get(0).cmd()).isEqualTo("echo " + home + " $(circus.wid)");
    }

    @Test
    void warnsAboutUnknownOptionsNamingThem() {
        NodeConfig c = NodeConfig.parse("[circus]\nfrobnicate = 1\n[watcher:w]\ncmd = sleep 1\ncolour = blue\n", "t.ini");

        assertThat(c.warnings()).anyMatch(w -> w.contains("'frobnicate'") && w.contains("[circus]"))
                .anyMatch(w -> w.contains("'colour'") && w.contains("[watcher:w]"));
        assertThat(c.watchers().get(0).options().get("colour").asText()).isEqualTo("blue");
    }

    @Test
    void aBadValueNamesTheSectionAndKey() {
        assertThatThrownBy(() -> NodeConfig.parse("[watcher:w]\ncmd = sleep 1\nwarmup_delay = 0.5\n", "t.ini"))
                .isInstanceOf(IniException.class).hasMessageContaining("[watcher:w] warmup_delay");
        assertThatThrownBy(() -> NodeConfig.parse("[watcher:w]\ncmd = sleep 1\nstop_signal = NOPE\n", "t.ini"))
                .hasMessageContaining("[watcher:w] stop_signal");
        assertThatThrownBy(() -> NodeConfig.parse("[watcher:w]\nnumprocesses = 2\n", "t.ini"))
                .hasMessageContaining("[watcher:w] has no cmd");
        assertThatThrownBy(() -> NodeConfig.parse("[watcher:w]\ncmd = sleep 1\nnumprocesses = -1\n", "t.ini"))
                .isInstanceOf(IniException.class).hasMessageContaining("[watcher:w] numprocesses");
    }

    @Test
    void useSocketsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> NodeConfig.parse("[watcher:w]\ncmd = sleep 1\nuse_sockets = true\n", "t.ini"))
                .isInstanceOf(IniException.class)
                .hasMessageContaining("use_sockets = true").hasMessageContaining("native code");
    }

    @Test
    void readsStreamsAndSockets() {
        NodeConfig c = NodeConfig.parse("""
                [watcher:w]
                cmd = sleep 1
                stdout_stream.class = FileStream
                stdout_stream.filename = /tmp/out.log
                stdout_stream.max_bytes = 1024
                [socket:web]
                host = 127.0.0.1
                port = 0
                """, "t.ini");

        assertThat(c.watchers().get(0).stdoutStream().toString())
                .isEqualTo("{\"class\":\"FileStream\",\"filename\":\"/tmp/out.log\",\"max_bytes\":\"1024\"}");
        assertThat(c.sockets()).containsExactly(new SocketSpec("web", "127.0.0.1", 0, java.util.Optional.empty(), 2048));
    }

    @Test
    void reportsStreamsAsCircusdDoesWithoutTheClassItPopsAndValuesAsWritten() {
        // What circusd 0.19 answers to 'options' for this section (checked against a real one).
        NodeConfig c = NodeConfig.parse("""
                [watcher:w]
                cmd = sleep 1
                stdout_stream.class = FileStream
                stdout_stream.filename = /tmp/out.log
                stdout_stream.max_bytes = 2000
                stdout_stream.backup_count = 3
                stderr_stream.class = StdoutStream
                """, "t.ini");

        assertThat(c.watchers().get(0).options().get("stdout_stream_conf").toString())
                .isEqualTo("{\"filename\":\"/tmp/out.log\",\"max_bytes\":\"2000\",\"backup_count\":\"3\"}");
        assertThat(c.watchers().get(0).option("stderr_stream_conf").orElseThrow().toString()).isEqualTo("{}");
        assertThat(c.watchers().get(0).stdoutStream().path("class").asText()).isEqualTo("FileStream");
    }

    @Test
    void readsTheLogsSettingsOfTheCircusSection() {
        assertThat(NodeConfig.parse("[watcher:w]\ncmd = sleep 1\n", "t.ini").logs()).isEqualTo(LogsSettings.DEFAULTS);
        NodeConfig c = NodeConfig.parse("[circus]\nlogs_endpoint = tcp://127.0.0.1:7000\nlogs_keep = 50\n"
                + "logs_keep_bytes = 4096\n", "t.ini");
        assertThat(c.logs()).isEqualTo(new LogsSettings("tcp://127.0.0.1:7000", 50, 4096));
        assertThat(c.warnings()).isEmpty();
        assertThatThrownBy(() -> NodeConfig.parse("[circus]\nlogs_keep = 0\n", "t.ini"))
                .isInstanceOf(IniException.class).hasMessageContaining("logs_keep");
        assertThatThrownBy(() -> NodeConfig.parse("[circus]\nlogs_endpoint = nowhere\n", "t.ini"))
                .isInstanceOf(IniException.class).hasMessageContaining("logs_endpoint");
    }
}
