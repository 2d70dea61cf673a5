package org.circusmeta.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

    @Test
    void readsATcpEndpoint() {
        Endpoint e = Endpoint.parse("tcp://127.0.0.1:5555");
        assertThat(e.isTcp()).isTrue();
        assertThat(e.host()).isEqualTo("127.0.0.1");
        assertThat(e.tcpPort()).hasValue(5555);
        assertThat(e.toString()).isEqualTo("tcp://127.0.0.1:5555");
        assertThat(e.isWildcard()).isFalse();
        assertThat(Endpoint.parse(" TCP://web-01:5555 ").toString()).isEqualTo("tcp://web-01:5555");
    }

    @Test
    void readsAnIpcEndpoint() {
        Endpoint e = Endpoint.parse("ipc:///var/run/circus/control.sock");
        assertThat(e.isTcp()).isFalse();
        assertThat(e.path()).isEqualTo("/var/run/circus/control.sock");
        assertThat(e.tcpPort()).isEmpty();
        assertThat(e.toString()).isEqualTo("ipc:///var/run/circus/control.sock");
        assertThat(e.withHost("x")).isEqualTo(e);
        assertThat(e.bindAddress()).isEqualTo(e.toString());
    }

    @Test
    void bracketsIpv6Hosts() {
        Endpoint e = Endpoint.parse("tcp://[::1]:5555");
        assertThat(e.host()).isEqualTo("::1");
        assertThat(e.toString()).isEqualTo("tcp://[::1]:5555");
        assertThat(Endpoint.parse("tcp://[::]:0").bindAddress()).isEqualTo("tcp://[::]:*");
    }

    @ParameterizedTest
    @CsvSource({"tcp://0.0.0.0:5555, true", "tcp://*:5555, true", "tcp://[::]:5555, true", "tcp://10.0.0.5:5555, false"})
    void knowsWildcardBinds(String text, boolean wildcard) {
        assertThat(Endpoint.parse(text).isWildcard()).isEqualTo(wildcard);
    }

    @Test
    void bindsPortZeroToAnyFreePort() {
        Endpoint e = Endpoint.parse("tcp://127.0.0.1:0");
        assertThat(e.bindAddress()).isEqualTo("tcp://127.0.0.1:*");
        assertThat(e.withPort(5556).toString()).isEqualTo("tcp://127.0.0.1:5556");
        assertThat(Endpoint.parse("tcp://0.0.0.0:5555").withHost("10.0.0.5").toString()).isEqualTo("tcp://10.0.0.5:5555");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "udp://237.219.251.97:12027 | circus endpoints are tcp:// or ipc://",
        "127.0.0.1:5555 | write tcp://HOST:PORT or ipc://PATH",
        "tcp://127.0.0.1 | needs a host and a port",
        "tcp://127.0.0.1: | needs a host and a port",
        "tcp://:5555 | needs a host and a port",
        "tcp://127.0.0.1:http | port that is not a number",
        "tcp://127.0.0.1:70000 | outside 0-65535",
        "ipc:// | has no path",
    })
    void refusesBadEndpointsSayingWhatIsExpected(String text, String message) {
        assertThatThrownBy(() -> Endpoint.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesAMissingEndpoint() {
        assertThatThrownBy(() -> Endpoint.parse(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an endpoint is required");
        assertThatThrownBy(() -> Endpoint.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.tcp("h", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
