package org.circusmeta.registration.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperCredentialsTest {
    @Test
    void readsOneLineUserColonPasswordBesideComments(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("zk.auth"), "# the managers' identity\n\n  mgr:s3:cr:et  \n");
        ZooKeeperCredentials credentials = ZooKeeperCredentials.read(file);
        assertThat(credentials.user()).isEqualTo("mgr");
        assertThat(credentials.digestId()).isEqualTo(DigestAuthenticationProvider.generateDigest("mgr:s3:cr:et"));
        assertThat(credentials.id().getScheme()).isEqualTo("digest");
        assertThat(new String(credentials.authInfo().getAuth(), StandardCharsets.UTF_8)).isEqualTo("mgr:s3:cr:et");
        assertThat(ZooKeeperCredentials.isDigestId(credentials.digestId())).isTrue();
    }

    @Test
    void neverShowsThePassword() {
        ZooKeeperCredentials credentials = ZooKeeperCredentials.parse("mgr:hunter2", "test");
        assertThat(credentials.toString()).startsWith("digest:mgr:").doesNotContain("hunter2");
    }

    @Test
    void saysWhatIsWrongWithTheFile(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ZooKeeperCredentials.parse("a:b\nc:d\n", "two.auth"))
                .hasMessageContaining("two.auth must hold one line user:password (it holds 2 lines");
        assertThatThrownBy(() -> ZooKeeperCredentials.parse("# nothing\n", "empty.auth")).hasMessageContaining("0 lines");
        assertThatThrownBy(() -> ZooKeeperCredentials.parse("justapassword", "bad.auth")).hasMessageContaining("no ':'");
        assertThatThrownBy(() -> ZooKeeperCredentials.parse(":pw", "bad.auth")).hasMessageContaining("empty user");
        Path missing = dir.resolve("missing.auth");
        assertThatThrownBy(() -> ZooKeeperCredentials.read(missing))
                .hasMessageContaining("cannot read the ZooKeeper credentials file " + missing);
    }

    @Test
    void tellsADigestIdFromOtherText() {
        assertThat(ZooKeeperCredentials.isDigestId("web-01:kWN6aNSbjcKWPqjiV7cg0N24raU=")).isTrue();
        assertThat(ZooKeeperCredentials.isDigestId("web-01:secret")).isFalse();
        assertThat(ZooKeeperCredentials.isDigestId("kWN6aNSbjcKWPqjiV7cg0N24raU=")).isFalse();
    }
}
