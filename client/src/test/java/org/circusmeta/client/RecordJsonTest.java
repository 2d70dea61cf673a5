package org.circusmeta.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.api.AddedWatcher;
import org.circusmeta.api.ApiError;
import org.circusmeta.api.ApiJson;
import org.circusmeta.api.CommandRequest;
import org.circusmeta.api.CommandResults;
import org.circusmeta.api.DrainRequest;
import org.circusmeta.api.EligibilityChanged;
import org.circusmeta.api.EventView;
import org.circusmeta.api.InstancesValue;
import org.circusmeta.api.NodeView;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.api.LogLineView;
import org.circusmeta.api.LogNotice;
import org.circusmeta.api.OperationView;
import org.circusmeta.api.RenameAccepted;
import org.circusmeta.api.RenameRequest;
import org.circusmeta.api.RestartRequest;
import org.circusmeta.api.ScaleRequest;
import org.circusmeta.api.ScaledWatcher;
import org.circusmeta.api.SessionView;
import org.circusmeta.api.StatsView;
import org.circusmeta.api.WatcherView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RecordJson reads and writes the api records exactly as {@code ApiJson.mapper()} does: every
 * representation fixture of the api module (read from that module's test resources, so that a fixture
 * added there is checked here too) is read both ways and compared; the requests are written both ways;
 * every api record's fields are named as RecordJson names them.
 */
class RecordJsonTest {
    private static final ObjectMapper MAPPER = ApiJson.mapper();
    private static final Path FIXTURES = Path.of("..", "api", "src", "test", "resources", "fixtures");
    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("node.json", NodeView.class),
            Map.entry("node-invalid.json", NodeView.class),
            Map.entry("node-detail.json", NodeView.class),
            Map.entry("watcher.json", WatcherView.class),
            Map.entry("watcher-copies.json", WatcherView.class),
            Map.entry("added-copies.json", AddedWatcher.class),
            Map.entry("add-watcher-copies.json", AddWatcherRequest.class),
            Map.entry("scale.json", ScaleRequest.class),
            Map.entry("scaled.json", ScaledWatcher.class),
            Map.entry("command-results-pending.json", CommandResults.class),
            Map.entry("added.json", AddedWatcher.class),
            Map.entry("command-results.json", CommandResults.class),
            Map.entry("rename.json", RenameAccepted.class),
            Map.entry("stats.json", StatsView.class),
            Map.entry("event.json", EventView.class),
            Map.entry("add-watcher.json", AddWatcherRequest.class),
            Map.entry("error.json", ApiError.class),
            Map.entry("cordon.json", EligibilityChanged.class),
            Map.entry("restart-rolling.json", RestartRequest.class),
            Map.entry("drain.json", DrainRequest.class),
            Map.entry("operation.json", OperationView.class),
            Map.entry("operation-event.json", OperationEvent.class),
            Map.entry("log-line.json", LogLineView.class),
            Map.entry("log-notice.json", LogNotice.class));

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsEveryFixtureAsTheMapperDoes(String fixture) throws IOException {
        assertThat(TYPES).as("the record type of fixture %s: add it to TYPES", fixture).containsKey(fixture);
        String json = Files.readString(FIXTURES.resolve(fixture));
        Object expected = MAPPER.readValue(json, TYPES.get(fixture));

        assertThat(RecordJson.<Object>read(json, TYPES.get(fixture))).isEqualTo(expected);
    }

    /** Every record of the api, and the records in them, named in JSON as RecordJson names them. */
    @ParameterizedTest
    @MethodSource("records")
    void everyApiRecordNamesItsFieldsInSnakeCase(Class<?> record) {
        BeanDescription jackson = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(record));
        Map<String, String> byJackson = new TreeMap<>();
        jackson.findProperties().forEach(p -> byJackson.put(p.getInternalName(), p.getName()));
        Map<String, String> byRecordJson = new TreeMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            byRecordJson.put(component.getName(), RecordShape.name(component.getName()));
        }

        assertThat(byJackson).as("%s's fields as Jackson names them; RecordJson names every field in snake case: rename"
                + " the field, or teach RecordShape the record's naming", record.getName()).isEqualTo(byRecordJson);
    }

    static Stream<Class<?>> records() {
        Set<Class<?>> all = new LinkedHashSet<>();
        List.of(NodeView.class, WatcherView.class, AddedWatcher.class, CommandResults.class, RenameAccepted.class,
                StatsView.class, EventView.class, ApiError.class, AddWatcherRequest.class, CommandRequest.class,
                RenameRequest.class, ScaleRequest.class, ScaledWatcher.class, EligibilityChanged.class,
                RestartRequest.class, OperationView.class, OperationEvent.class, LogLineView.class, DrainRequest.class,
                LogNotice.class, SessionView.class).forEach(r -> collect(r, all));
        return all.stream();
    }

    private static void collect(Class<?> record, Set<Class<?>> all) {
        if (!all.add(record)) {
            return;
        }
        for (Class<?> nested : record.getDeclaredClasses()) {
            if (nested.isRecord()) {
                collect(nested, all);
            }
        }
    }

    @Test
    void coversEveryRecordOfTheApi() throws Exception {
        Set<String> covered = new TreeSet<>();
        records().forEach(r -> covered.add(r.getName()));
        Path api = Path.of(NodeView.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        if (Files.isDirectory(api)) {
            try (Stream<Path> files = Files.walk(api)) {
                names = files.map(f -> api.relativize(f).toString()).toList();
            }
        } else {
            try (JarFile jar = new JarFile(api.toFile())) {
                names = jar.stream().map(JarEntry::getName).toList();
            }
        }
        List<String> apiRecords = names.stream().filter(n -> n.startsWith("org/circusmeta/api/") && n.endsWith(".class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .filter(RecordJsonTest::isRecord).sorted().toList();
        assertThat(apiRecords).isNotEmpty();
        assertThat(covered).as("records(): add the api's new records").containsAll(apiRecords);
    }

    private static boolean isRecord(String binaryName) {
        try {
            return Class.forName(binaryName).isRecord();
        } catch (ClassNotFoundException e) {
            throw new AssertionError(binaryName, e);
        }
    }

    @Test
    void readsAListOfRecords() throws IOException {
        String node = Files.readString(FIXTURES.resolve("node.json"));
        List<NodeView> nodes = RecordJson.read("[" + node + ", " + node + "]", RecordJson.listOf(NodeView.class));

        assertThat(nodes).hasSize(2).allSatisfy(n -> assertThat(n.registeredAt()).isEqualTo(Instant.parse("2026-11-26T04:39:34Z")));
    }

    @Test
    void writesTheRequestsAsTheMapperDoesNullsLeftOut() throws IOException {
        ObjectNode properties = MAPPER.createObjectNode().put("name", "web").put("nb", 2);
        for (Object request : List.of(new CommandRequest("incr", properties, List.of("web-01")),
                new CommandRequest("list", null, null), new RenameRequest("web-03"),
                RestartRequest.rolling(2, "1s", null, null), new DrainRequest(2, null),
                new AddWatcherRequest("w", "sleep", MAPPER.createArrayNode().add("600"), 2, Map.of("A", "b"), "/tmp",
                        MAPPER.createObjectNode().put("graceful_timeout", 1.5), null, Map.of("tier", "web"), false),
                new AddWatcherRequest("w", "sleep", null, null, null, null, null, null, null, null, InstancesValue.all(), "zone"),
                new ScaleRequest(InstancesValue.of(3)))) {
            assertThat(MAPPER.readTree(RecordJson.write(request))).as(request.toString()).isEqualTo(MAPPER.valueToTree(request));
        }
        assertThat(RecordJson.write(new CommandRequest("list", null, null))).isEqualTo("{\"command\":\"list\"}");
    }

    @Test
    void leavesAbsentFieldsNullOrZeroAndSkipsUnknownOnes() {
        StatsView.Figures figures = RecordJson.read("{\"processes\": 3, \"gpu\": {\"a\": [1]}}", StatsView.Figures.class);

        assertThat(figures).isEqualTo(new StatsView.Figures(0.0, 0.0, 3));
        assertThat(RecordJson.<AddedWatcher>read("{\"name\": \"w\"}", AddedWatcher.class)).isEqualTo(new AddedWatcher("w", null, null));
    }

    @Test
    void readsTreesAsReadTreeDoes() throws IOException {
        String json = "{\"a\": 1, \"b\": 12345678901, \"c\": 1.5, \"d\": 123456789012345678901234, \"e\": [true, null, \"x\"],"
                + " \"f\": {}}";

        assertThat(RecordJson.tree(json)).isEqualTo(MAPPER.readTree(json));
        assertThat(MAPPER.readTree(RecordJson.write(RecordJson.tree(json)))).isEqualTo(MAPPER.readTree(json));
    }

    @Test
    void readsNullTreesAsTheMapperDoes() throws IOException {
        String json = "{\"name\": \"w\", \"cmd\": \"sleep\", \"args\": null, \"options\": null}";

        assertThat(RecordJson.<Object>read(json, AddWatcherRequest.class)).isEqualTo(MAPPER.readValue(json, AddWatcherRequest.class));
    }

    @Test
    void refusesWhatItCannotReadNamingTheField() {
        assertThatThrownBy(() -> RecordJson.read("{\"id\": \"x\"}", Unreadable.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unreadable.id");
        assertThatThrownBy(() -> RecordJson.read("{\"results\": []}", CommandResults.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CommandResults.results");
        assertThatThrownBy(() -> RecordJson.read("{\"processes\": \"many\"}", StatsView.Figures.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("many");
        assertThatThrownBy(() -> RecordJson.tree("{\"a\": "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not JSON");
    }

    @Test
    void readsInstantsWrittenAsEpochSeconds() {
        NodeView.NodeWatcher ignored = RecordJson.read("{\"name\": \"w\"}", NodeView.NodeWatcher.class);
        assertThat(ignored.numprocesses()).isNull();
        Timed timed = RecordJson.read("{\"at\": 1795668122.033}", Timed.class);
        assertThat(timed.at()).isEqualTo(Instant.ofEpochSecond(1795668122L, 33_000_000L));
    }

    record Unreadable(UUID id) {}

    record Timed(Instant at) {}

    /** A tree field holds what the JSON holds, as the mapper reads it. */
    @Test
    void keepsTreeFieldsAsTheyCame() {
        EventView event = RecordJson.read("{\"node\": \"n\", \"watcher\": \"w\", \"event\": \"spawn\", \"body\": {\"pid\": 7}}",
                EventView.class);
        JsonNode body = event.body();
        assertThat(body.path("pid").asInt()).isEqualTo(7);
    }
}
