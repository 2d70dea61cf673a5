package org.circusmeta.node.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.circusmeta.node.process.ChildProcess;
import org.circusmeta.node.watcher.Watcher;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.Reply;

/**
 * stats and dstats. The figures are read on the sampler thread; the processes, their {@code started}
 * time and worker slot are taken on the loop thread when the request comes.
 *
 * <p>Stateless; runs on the node's loop thread.
 */
final class StatsCommands {
    private StatsCommands() {}

    static List<Command> all() {
        return List.of(Command.of("stats", StatsCommands::stats), Command.of("dstats", StatsCommands::dstats));
    }

    private static CompletionStage<Reply> stats(Call c) {
        if (c.text("name").isEmpty()) {
            Map<String, List<ChildProcess>> byWatcher = new LinkedHashMap<>();
            c.arbiter().watchers().forEach(w -> byWatcher.put(w.name(), w.processes()));
            List<ChildProcess> every = new ArrayList<>();
            byWatcher.values().forEach(every::addAll);
            return sample(c, every).thenApply(infos -> {
                ObjectNode all = CircusJson.object();
                byWatcher.forEach((name, processes) -> all.set(name, keyedByPid(processes, infos)));
                return Reply.ok().put("infos", all).build();
            });
        }
        Watcher w = c.watcher(c.text("name").get());
        if (c.prop("process").isPresent()) {
            JsonNode asked = c.prop("process").get();
            ChildProcess p = w.process(Call.pidOf(asked).orElse(-1)).orElseThrow(() -> CommandError.message(
                    "process " + (asked.isTextual() ? "'" + asked.textValue() + "'" : asked.toString()) + " not found in '"
                            + w.name() + "'"));
            return sample(c, List.of(p)).thenApply(infos -> Reply.ok().put("process", asked)
                    .put("info", infos.getOrDefault(p.pid(), CircusJson.object())).build());
        }
        List<ChildProcess> processes = w.processes();
        JsonNode name = c.prop("name").orElseThrow();
        return sample(c, processes).thenApply(infos -> Reply.ok().put("name", name)
                .put("info", keyedByPid(processes, infos)).build());
    }

    private static CompletionStage<Reply> dstats(Call c) {
        long self = ProcessHandle.current().pid();
        return c.context().sampler().infos(List.of(self), false)
                .thenApply(infos -> Reply.ok().put("info", infos.getOrDefault(self, CircusJson.object())).build());
    }

    private static CompletionStage<Map<Long, ObjectNode>> sample(Call c, List<ChildProcess> processes) {
        List<Long> pids = processes.stream().map(ChildProcess::pid).toList();
        Map<Long, double[]> extra = new LinkedHashMap<>();
        processes.forEach(p -> extra.put(p.pid(), new double[] {p.started(), p.wid()}));
        return c.context().sampler().infos(pids, true).thenApply(infos -> {
            infos.forEach((pid, info) -> {
                info.put("started", extra.get(pid)[0]);
                info.put("wid", (int) extra.get(pid)[1]);
            });
            return infos;
        });
    }

    private static ObjectNode keyedByPid(List<ChildProcess> processes, Map<Long, ObjectNode> infos) {
        ObjectNode out = CircusJson.object();
        for (ChildProcess p : processes) {
            ObjectNode info = infos.get(p.pid());
            if (info != null) {
                out.set(String.valueOf(p.pid()), info);
            }
        }
        return out;
    }
}
