package org.circusmeta.registration.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void givesTheConfiguredNameWhenNothingIsRemembered() {
        assertThat(new StateFile(dir).nameFor("web-01")).isEqualTo("web-01");
        assertThat(new StateFile(dir.resolve("not-yet")).nameFor("web-01")).isEqualTo("web-01");
    }

    @Test
    void givesTheRememberedNameWhileTheConfiguredOneIsUnchanged() throws Exception {
        StateFile file = new StateFile(dir.resolve("state"));
        file.remember("web-02", "web-01");
        assertThat(file.nameFor("web-01")).isEqualTo("web-02");
        assertThat(new StateFile(dir.resolve("state")).nameFor("web-01")).isEqualTo("web-02");
        assertThat(Files.list(dir.resolve("state"))).extracting(p -> p.getFileName().toString())
                .containsExactly(StateFile.FILE_NAME);
    }

    @Test
    void aChangedConfiguredNameWins() throws Exception {
        StateFile file = new StateFile(dir);
        file.remember("web-02", "web-01");
        assertThat(file.nameFor("db-01")).isEqualTo("db-01");
    }

    @Test
    void ignoresAFileItCannotUse() throws Exception {
        Files.writeString(dir.resolve(StateFile.FILE_NAME), "garbage");
        assertThat(new StateFile(dir).nameFor("web-01")).isEqualTo("web-01");
        Files.writeString(dir.resolve(StateFile.FILE_NAME), "{\"name\": \"no.dots\", \"configured_name\": \"web-01\"}");
        assertThat(new StateFile(dir).nameFor("web-01")).isEqualTo("web-01");
    }
}
