package org.circusmeta.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.circusmeta.node.config.NodeConfig;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;
import org.circusmeta.protocol.Request;
import org.circusmeta.protocol.client.CircusClient;
import org.circusmeta.protocol.client.ClientOptions;
import org.circusmeta.protocol.loop.SocketLoop;
import org.circusmeta.protocol.stream.CircusSubscriber;
import org.circusmeta.testsupport.Vectors;

/** A real node on free ports, a client of its control socket, and a recorder of its pubsub events. */
final class TestNode implements AutoCloseable {
    /** One pubsub message. */
    record Event(String topic, JsonNode body) {
        String event() {
            return topic.substring(topic.lastIndexOf('.') + 1);
        }
    }

    final CircusNode node;
    final SocketLoop clientLoop = new SocketLoop("test-client");
    final CircusClient client;
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final CircusSubscriber subscriber;

    private TestNode(CircusNode node) {
        this.node = node;
        clientLoop.start();
        client = new CircusClient(clientLoop, node.endpoint(), ClientOptions.DEFAULTS.withTimeout(Duration.ofSeconds(20)));
        client.start();
        subscriber = new CircusSubscriber(clientLoop, node.pubsubEndpoint(), List.of(""),
                (topic, body) -> events.add(new Event(topic, CircusJson.read(body))));
        subscriber.start();
    }

    static TestNode start(String ini) {
        return start(NodeConfig.parse(ini, "test.ini"));
    }

    static TestNode start(NodeConfig config) {
        CircusNode node = CircusNode.standalone(config);
        node.start();
        return new TestNode(node);
    }

    /** The recorded daemon's circus.ini, on free ports. */
    static String recordedIni() {
        return Vectors.text("circus.ini").replaceAll("127\\.0\\.0\\.1:2555[5-7]", "127.0.0.1:0")
                .replace("port = 25558", "port = 0");
    }

    Reply call(String command, Map<String, ?> properties) {
        return client.callAndWait(Request.of(command, properties));
    }

    Reply call(String command) {
        return client.callAndWait(Request.of(command));
    }

    List<Long> pids(String watcher) {
        List<Long> out = new ArrayList<>();
        call("list", Map.of("name", watcher)).get("pids").forEach(p -> out.add(p.asLong()));
        return out;
    }

    List<String> topics() {
        return events.stream().map(Event::topic).toList();
    }

    static ObjectNode json(String text) {
        return CircusJson.readObject(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        subscriber.close();
        client.close();
        clientLoop.close();
        node.close();
    }
}
