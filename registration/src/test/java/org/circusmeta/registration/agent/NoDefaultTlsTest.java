package org.circusmeta.registration.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class NoDefaultTlsTest {
    private final SSLContext context = NoDefaultTls.context();

    @Test
    void namesTheTlsVersionsZooKeepersClientAsksFor() {
        assertThat(context.getSupportedSSLParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(context.getDefaultSSLParameters().getProtocols()).contains("TLSv1.3");
    }

    @Test
    void refusesToOpenAConnectionSayingWhy() {
        assertThatThrownBy(context::getSocketFactory).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("a ZooKeeper client set up for TLS builds its own");
        assertThatThrownBy(() -> context.createSSLEngine("zk1", 2181)).isInstanceOf(UnsupportedOperationException.class);
    }
}
