package org.circusmeta.registration.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.logs.LogStream;
import org.circusmeta.protocol.logs.Unreadable;
import org.circusmeta.registration.ini.CircusIni;
import org.circusmeta.registration.ini.IniSection;
import org.junit.jupiter.api.Test;

class WatcherOutputTest {
    /** The 'options' of a watcher as circusd 0.19 answers them, reduced to the stream confs. */
    private static JsonNode options(String stdout, String stderr) {
        return CircusJson.read(("{\"stdout_stream_conf\": " + stdout + ", \"stderr_stream_conf\": " + stderr + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<IniSection> section(String body) {
        return CircusIni.parse("[watcher:web]\ncmd = x\n" + body, "circus.ini").section("watcher:web");
    }

    @Test
    void aFileStreamOfAnyKindIsReadFromItsFilename() {
        // Recorded from circusd 0.19 for FileStream with rotation, and for a WatchedFileStream.
        WatcherOutput out = WatcherOutput.of("web", options(
                "{\"filename\": \"/var/log/web.log\", \"max_bytes\": \"2000\", \"backup_count\": \"3\"}",
                "{\"filename\": \"/var/log/web.err\"}"), Optional.empty());
        assertThat(out.files()).containsEntry(LogStream.STDOUT, Path.of("/var/log/web.log"))
                .containsEntry(LogStream.STDERR, Path.of("/var/log/web.err"));
        assertThat(out.unreadable()).isEmpty();
    }

    @Test
    void anOutputWithNoFileIsUnreadableWithTheTwoIniLinesThatFixIt() {
        WatcherOutput out = WatcherOutput.of("web", options("{}", "{\"filename\": \"/var/log/web.err\"}"), Optional.empty());
        assertThat(out.files()).containsOnlyKeys(LogStream.STDERR);
        Unreadable u = out.unreadable().get(0);
        assertThat(u.stream()).isEqualTo(LogStream.STDOUT);
        assertThat(u.reason()).contains("no stdout_stream.filename");
        assertThat(u.fix()).containsExactly("stdout_stream.class = FileStream",
                "stdout_stream.filename = /var/log/circus/web.stdout.log");
    }

    @Test
    void theIniTellsWhyWhenItIsThere() {
        assertThat(WatcherOutput.of("web", options("{}", "{}"), section("")).unreadable().get(0).reason())
                .contains("circusd discards its stdout").contains("[watcher:web] has no stdout_stream.class");
        assertThat(WatcherOutput.of("web", options("{}", "{}"), section("stdout_stream.class = StdoutStream\n"))
                .unreadable().get(0).reason()).contains("circusd's own standard output");
        assertThat(WatcherOutput.of("web", options("{}", "{}"), section("stderr_stream.class = my.Stream\n"))
                .unreadable().get(1).reason()).contains("stderr_stream.class = my.Stream");
    }
}
