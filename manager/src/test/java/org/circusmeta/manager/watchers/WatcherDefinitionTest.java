package org.circusmeta.manager.watchers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Request;
import org.junit.jupiter.api.Test;

class WatcherDefinitionTest {
    @Test
    void typesTheOptionsTheManagerReadsAndKeepsTheOthersAsTheyCame() {
        ObjectNode properties = CircusJson.readObject(("{\"name\": \"web\", \"cmd\": \"python\", \"args\": [\"app.py\"],"
                + " \"options\": {\"numprocesses\": 2, \"env\": {\"A\": \"b\"}, \"working_dir\": \"/srv\","
                + " \"warmup_delay\": 1.5}, \"start\": true, \"waiting\": true}").getBytes());

        WatcherDefinition web = WatcherDefinition.read("web", properties, Map.of("zone", "eu"));

        assertThat(web.numprocesses()).hasValue(2);
        assertThat(web.env()).contains(Map.of("A", "b"));
        assertThat(web.workingDir()).contains("/srv");
        assertThat(web.options().fieldNames()).toIterable().containsExactly("warmup_delay");
        assertThat(web.placement().numprocesses()).isEqualTo(2);
        assertThat(web.placement().constraints()).isEqualTo(Map.of("zone", "eu"));
        assertThat(CircusJson.writeString(web.spec())).isEqualTo("{\"cmd\": \"python\", \"args\": [\"app.py\"], \"options\":"
                + " {\"warmup_delay\": 1.5, \"numprocesses\": 2, \"env\": {\"A\": \"b\"}, \"working_dir\": \"/srv\"},"
                + " \"start\": true}");
    }

    @Test
    void leavesAnOptionOfTheWrongTypeForTheNodeToRefuse() {
        ObjectNode properties = CircusJson.object().put("cmd", "sleep 1");
        properties.putObject("options").put("numprocesses", "two").put("env", 3);

        WatcherDefinition odd = WatcherDefinition.read("odd", properties, Map.of());

        assertThat(odd.numprocesses()).isEmpty();
        assertThat(odd.processes()).isEqualTo(1);
        assertThat(odd.spec().path("options").path("numprocesses").asText()).isEqualTo("two");
        assertThat(odd.spec().path("options").path("env").asInt()).isEqualTo(3);
        assertThat(odd.spec().path("start").asBoolean()).isFalse();
    }

    @Test
    void addsWithItsNameAndWaitsOnlyWhenAsked() {
        WatcherDefinition web = WatcherDefinition.of("web", "sleep 60", null, CircusJson.object(), true, Map.of())
                .withNumprocesses(3);

        Request add = web.addRequest(true);

        assertThat(add.command()).isEqualTo("add");
        assertThat(add.properties().path("name").asText()).isEqualTo("web");
        assertThat(add.properties().path("options").path("numprocesses").asInt()).isEqualTo(3);
        assertThat(add.properties().path("waiting").asBoolean()).isTrue();
        assertThat(web.addRequest(false).properties().has("waiting")).isFalse();
        assertThat(web.spec().has("args")).isFalse();
    }
}
