package org.circusmeta.manager.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.circusmeta.manager.cluster.NodeAnswers.Answer;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;

/**
 * Folds the replies of several nodes to one command on a bare watcher name into the one reply shape
 * circusctl expects of a single circusd: counts add up ({@code numprocesses}), lists join (pids,
 * {@code started}/{@code stopped}/{@code kept}), maps join ({@code stats}' processes); anything else
 * keeps the first node's value.
 *
 * <p>Stateless and thread-safe.
 */
final class ReplyMerge {
    private static final Set<String> ENVELOPE = Set.of("status", "time", "id");

    private ReplyMerge() {}

    /** The replies' fields, each folded over the nodes; {@code status} stays {@code ok}. */
    static Reply fields(List<Answer> answers) {
        Map<String, List<JsonNode>> byField = new LinkedHashMap<>();
        for (Answer a : answers) {
            a.reply().toJson().properties().forEach(e -> {
                if (!ENVELOPE.contains(e.getKey())) {
                    byField.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                }
            });
        }
        Reply.Builder reply = Reply.ok();
        byField.forEach((field, values) -> reply.put(field, fold(values)));
        return reply.build();
    }

    static JsonNode fold(List<JsonNode> values) {
        JsonNode first = values.get(0);
        if (values.stream().allMatch(JsonNode::isIntegralNumber)) {
            return JsonNodeFactory.instance.numberNode(values.stream().mapToLong(JsonNode::asLong).sum());
        }
        if (values.stream().allMatch(JsonNode::isNumber)) {
            return JsonNodeFactory.instance.numberNode(values.stream().mapToDouble(JsonNode::asDouble).sum());
        }
        if (values.stream().allMatch(JsonNode::isArray)) {
            return joinArrays(values);
        }
        if (values.stream().allMatch(JsonNode::isObject)) {
            Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
            values.forEach(v -> v.properties().forEach(e -> byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
            ObjectNode out = CircusJson.object();
            byKey.forEach((key, each) -> out.set(key, each.size() == 1 ? each.get(0) : fold(each)));
            return out;
        }
        return first == null ? NullNode.instance : first;
    }

    private static ArrayNode joinArrays(List<JsonNode> arrays) {
        List<JsonNode> all = new ArrayList<>();
        arrays.forEach(a -> a.forEach(all::add));
        if (all.stream().allMatch(JsonNode::isIntegralNumber)) {
            all.sort((x, y) -> Long.compare(x.asLong(), y.asLong()));
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        all.forEach(out::add);
        return out;
    }

    /** {@code status NAME} on several nodes: their state when they agree, else each state with its nodes. */
    static Reply status(List<Answer> answers) {
        Map<String, List<String>> nodesByState = new TreeMap<>();
        answers.forEach(a -> nodesByState.computeIfAbsent(a.reply().status(), s -> new ArrayList<>()).add(a.node()));
        String status = nodesByState.size() == 1 ? nodesByState.keySet().iterator().next()
                : nodesByState.entrySet().stream().map(e -> e.getKey() + " on " + String.join(", ", e.getValue()))
                        .collect(Collectors.joining("; "));
        return Reply.withStatus(status).build();
    }

    /**
     * {@code options} and {@code get} on several nodes: each option's value where they agree, else
     * {@code {NODE: value}} for that option.
     */
    static Reply options(List<Answer> answers) {
        Map<String, Map<String, JsonNode>> byKey = new LinkedHashMap<>();
        for (Answer a : answers) {
            a.reply().get("options").properties().forEach(e ->
                    byKey.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).put(a.node(), e.getValue()));
        }
        ObjectNode options = CircusJson.object();
        byKey.forEach((key, byNode) -> {
            boolean agree = byNode.size() == answers.size() && byNode.values().stream().distinct().count() == 1;
            if (agree) {
                options.set(key, byNode.values().iterator().next());
            } else {
                ObjectNode each = options.putObject(key);
                byNode.forEach(each::set);
            }
        });
        return Reply.ok().put("options", options).build();
    }
}
