package org.circusmeta.manager.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.circusmeta.manager.cluster.NodeAnswers.Answer;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;

/**
 * The cluster-wide answers to the queries that name no watcher, built from every node's reply in the
 * shape one circusd gives, with names qualified {@code NODE:WATCHER}: {@code list}, {@code status},
 * {@code stats}; totals for {@code numwatchers} and {@code numprocesses}; one entry per node for
 * {@code dstats} and {@code globaloptions}.
 *
 * <p>Stateless and thread-safe.
 */
final class ClusterQueries {
    private ClusterQueries() {}

    /** The query's answer from the nodes that replied. */
    interface Query {
        void answer(List<Answer> answers, Reply.Builder reply);
    }

    /** The answer to one of the queries that name no watcher. */
    static Query of(String command) {
        return switch (command) {
            case "list" -> ClusterQueries::list;
            case "status" -> ClusterQueries::statuses;
            case "stats" -> ClusterQueries::infos;
            case "numprocesses", "numwatchers" -> total(command);
            case "dstats" -> byNode("info");
            case "globaloptions" -> byNode("options");
            default -> throw new IllegalArgumentException("'" + command + "' is not a query of the cluster endpoint");
        };
    }

    static void list(List<Answer> answers, Reply.Builder reply) {
        TreeSet<String> names = new TreeSet<>();
        for (Answer a : answers) {
            a.reply().get("watchers").forEach(w -> names.add(a.node() + ":" + w.asText()));
        }
        ArrayNode watchers = CircusJson.mapper().createArrayNode();
        names.forEach(watchers::add);
        reply.put("watchers", watchers);
    }

    static void statuses(List<Answer> answers, Reply.Builder reply) {
        reply.put("statuses", qualified(answers, "statuses"));
    }

    static void infos(List<Answer> answers, Reply.Builder reply) {
        reply.put("infos", qualified(answers, "infos"));
    }

    static Query total(String field) {
        return (answers, reply) -> reply.put(field, answers.stream().mapToLong(a -> a.reply().get(field).asLong()).sum());
    }

    static Query byNode(String field) {
        return (answers, reply) -> {
            ObjectNode each = CircusJson.object();
            answers.stream().sorted((x, y) -> x.node().compareTo(y.node()))
                    .forEach(a -> each.set(a.node(), a.reply().get(field)));
            reply.put(field, each);
        };
    }

    /** {@code {W: x}} of every node becomes one {@code {NODE:W: x}}, sorted. */
    private static ObjectNode qualified(List<Answer> answers, String field) {
        Map<String, JsonNode> all = new TreeMap<>();
        for (Answer a : answers) {
            a.reply().get(field).properties().forEach(e -> all.put(a.node() + ":" + e.getKey(), e.getValue()));
        }
        ObjectNode json = CircusJson.object();
        all.forEach(json::set);
        return json;
    }
}
