package org.circusmeta.registration.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.registration.record.RegistryPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RegistrarRenameIT {
    @RegisterExtension
    static final RegistrarFixture fixture = new RegistrarFixture("rename-it-loop");


    private Registrar registered(RegistrarOptions options) {
        return fixture.registered(options);
    }

    private void requestRename(String from, String body) throws Exception {
        fixture.observer.create().creatingParentsIfNeeded().forPath(RegistryPaths.rename(from), body.getBytes(StandardCharsets.UTF_8));
    }

    private boolean exists(String path) throws Exception {
        return fixture.observer.checkExists().forPath(path) != null;
    }

    @Test
    void renamesOnRequestAndRemembersTheNewNameAcrossRestarts(@TempDir Path stateDir) throws Exception {
        RegistrarOptions options = RegistryKit.options("rename-old", fixture.daemon.endpoint(), "h").withStateDir(stateDir);
        Registrar registrar = registered(options);

        requestRename("rename-old", "{\"name\": \"rename-new\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> exists(RegistryPaths.node("rename-new")));
        assertThat(registrar.currentName()).isEqualTo("rename-new");
        assertThat(registrar.awaitRegistered(Duration.ofSeconds(5))).isTrue();
        assertThat(exists(RegistryPaths.node("rename-old"))).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !exists(RegistryPaths.rename("rename-old")));
        assertThat(RegistryKit.read(fixture.observer, RegistryPaths.node("rename-new")).orElseThrow().record("rename-new").host())
                .isEqualTo("h");
        Path stateFile = stateDir.resolve(StateFile.FILE_NAME);
        assertThat(CircusJson.readObject(Files.readAllBytes(stateFile)).path("name").asText()).isEqualTo("rename-new");

        registrar.close();
        assertThat(exists(RegistryPaths.node("rename-new"))).isFalse();
        Registrar restarted = registered(options);
        assertThat(restarted.currentName()).isEqualTo("rename-new");
        assertThat(exists(RegistryPaths.node("rename-new"))).isTrue();
        assertThat(exists(RegistryPaths.node("rename-old"))).isFalse();

        requestRename("rename-new", "{\"name\": \"rename-newer\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> exists(RegistryPaths.node("rename-newer"))
                && !exists(RegistryPaths.node("rename-new")));
        assertThat(CircusJson.readObject(Files.readAllBytes(stateFile)).path("configured_name").asText())
                .isEqualTo("rename-old");
    }

    @Test
    void refusesARenameToAnInvalidNameAndDeletesTheRequest() throws Exception {
        Registrar registrar = registered(RegistryKit.options("invalid-old", fixture.daemon.endpoint(), "h"));

        requestRename("invalid-old", "{\"name\": \"no.dots\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> !exists(RegistryPaths.rename("invalid-old")));
        requestRename("invalid-old", "not json");
        await().atMost(Duration.ofSeconds(5)).until(() -> !exists(RegistryPaths.rename("invalid-old")));

        assertThat(registrar.currentName()).isEqualTo("invalid-old");
        assertThat(registrar.state().isRegistered()).isTrue();
        assertThat(exists(RegistryPaths.node("invalid-old"))).isTrue();
    }

    @Test
    void refusesARenameToATakenNameAndTouchesNeitherNode() throws Exception {
        Registrar registrar = registered(RegistryKit.options("taken-old", fixture.daemon.endpoint(), "h"));
        try (CuratorFramework other = RegistryKit.client(fixture.connect())) {
            Registrar holder = fixture.registrar(other, RegistryKit.options("taken-new", fixture.daemon.endpoint(), "holder"));
            holder.start();
            assertThat(holder.awaitRegistered(Duration.ofSeconds(5))).isTrue();
            RegistryKit.Znode held = RegistryKit.read(fixture.observer, RegistryPaths.node("taken-new")).orElseThrow();

            requestRename("taken-old", "{\"name\": \"taken-new\"}");
            await().atMost(Duration.ofSeconds(5)).until(() -> !exists(RegistryPaths.rename("taken-old")));

            assertThat(registrar.currentName()).isEqualTo("taken-old");
            assertThat(exists(RegistryPaths.node("taken-old"))).isTrue();
            assertThat(RegistryKit.read(fixture.observer, RegistryPaths.node("taken-new")).orElseThrow().stat())
                    .isEqualTo(held.stat());
            holder.close();
        }
    }
}
