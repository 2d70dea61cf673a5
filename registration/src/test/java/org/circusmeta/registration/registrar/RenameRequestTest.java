package org.circusmeta.registration.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RenameRequestTest {
    private static RenameRequest parse(String body) {
        return RenameRequest.parse("web-01", body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheNewName() {
        assertThat(parse("{\"name\": \"web-02\"}").to()).contains("web-02");
        assertThat(parse("{\"name\": \"web-02\", \"by\": \"cli\"}").to()).contains("web-02");
    }

    @Test
    void saysWhatIsWrongWithABadRequest() {
        assertThat(parse("web-02").problem()).contains("not JSON");
        assertThat(parse(null).problem()).contains("not JSON");
        assertThat(parse("{}").problem()).contains("no new name");
        assertThat(parse("{\"name\": 5}").problem()).contains("no new name");
        assertThat(parse("{\"name\": \"a:b\"}").problem()).contains("'a:b' is not a valid node name");
        assertThat(parse("{\"name\": \"a:b\"}").to()).isEmpty();
    }
}
