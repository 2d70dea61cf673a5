package org.circusmeta.manager.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.circusmeta.manager.reconcile.ClusterRecords;
import org.circusmeta.manager.reconcile.ClusterWatcherRecord;
import org.circusmeta.manager.watchers.WatcherDefinition;

/**
 * What an apply is to do about each watcher, from the file and the records as they are: a pure
 * function ({@link #of}). A watcher of the file with no record is added; one whose record has the same
 * definition, count and spread is unchanged; else it is changed, the plan saying what differs. With
 * prune, each cluster watcher recorded but not in the file is removed (pinned ones are never touched).
 *
 * <p>Immutable.
 */
record ApplyPlan(List<Entry> entries) {

    /** What becomes of one watcher. */
    enum Kind {
        ADD("to-add"), CHANGE("to-change"), UNCHANGED("unchanged"), REMOVE("to-remove");

        private final String planned;

        Kind(String planned) {
            this.planned = planned;
        }

        /** The step's result while planned. */
        String planned() {
            return planned;
        }
    }

    /**
     * @param desired what the file says (empty for a removal)
     * @param stored its record (empty for an add)
     * @param what in words: what differs, for a change
     */
    record Entry(String watcher, Kind kind, Optional<AddWatcher> desired, Optional<ClusterRecords.Stored> stored,
            Optional<String> what) {}

    /** Why the file cannot be applied as it is, naming the watcher: a name given twice, or that of a pinned watcher. */
    static Optional<String> invalid(ApplyState state, SortedMap<String, ClusterRecords.Stored> records) {
        Set<String> seen = new HashSet<>();
        for (AddWatcher add : state.watchers()) {
            String key = ClusterWatcherRecord.key(add.definition().name());
            if (!seen.add(key)) {
                return Optional.of("watchers: " + add.definition().name() + " is given twice (names are compared in lower"
                        + " case); give each watcher once");
            }
            ClusterRecords.Stored stored = records.get(key);
            if (stored != null && stored.record().pinned()) {
                return Optional.of("watchers: " + add.definition().name() + " is a watcher pinned to node "
                        + stored.record().node().orElse("?") + "; an apply file holds cluster watchers only: rename it, or"
                        + " remove the pinned one first");
            }
        }
        return Optional.empty();
    }

    static ApplyPlan of(ApplyState state, SortedMap<String, ClusterRecords.Stored> records) {
        List<Entry> entries = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (AddWatcher add : state.watchers()) {
            String name = add.definition().name();
            named.add(ClusterWatcherRecord.key(name));
            Optional<ClusterRecords.Stored> stored = Optional.ofNullable(records.get(ClusterWatcherRecord.key(name)))
                    .filter(s -> !s.record().removing());
            if (stored.isEmpty()) {
                entries.add(new Entry(name, Kind.ADD, Optional.of(add), stored, Optional.empty()));
                continue;
            }
            List<String> differs = differences(add, stored.get().record());
            entries.add(new Entry(name, differs.isEmpty() ? Kind.UNCHANGED : Kind.CHANGE, Optional.of(add), stored,
                    differs.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", differs) + " changed")));
        }
        if (state.prune()) {
            records.values().stream().filter(s -> !s.record().pinned() && !s.record().removing()
                    && !named.contains(s.record().key())).forEach(s -> entries.add(new Entry(s.record().name(), Kind.REMOVE,
                            Optional.empty(), Optional.of(s), Optional.of("not in the file"))));
        }
        return new ApplyPlan(List.copyOf(entries));
    }

    List<Entry> of(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /** The fields of the watcher that the file gives otherwise than its record, by their names in the file. */
    static List<String> differences(AddWatcher desired, ClusterWatcherRecord record) {
        List<String> differs = new ArrayList<>();
        WatcherDefinition want = desired.definition();
        WatcherDefinition have = record.definition();
        JsonNode wantSpec = want.spec();
        JsonNode haveSpec = have.spec();
        if (!commandLine(wantSpec).equals(commandLine(haveSpec))) {
            differs.add("cmd");
        }
        if (!wantSpec.path("start").equals(haveSpec.path("start"))) {
            differs.add("start");
        }
        Set<String> options = new TreeSet<>();
        wantSpec.path("options").fieldNames().forEachRemaining(options::add);
        haveSpec.path("options").fieldNames().forEachRemaining(options::add);
        for (String option : options) {
            if (!wantSpec.path("options").path(option).equals(haveSpec.path("options").path(option))) {
                differs.add(option);
            }
        }
        if (!Map.copyOf(want.constraints()).equals(have.constraints())) {
            differs.add("constraints");
        }
        if (!desired.instances().equals(record.instances())) {
            differs.add("instances");
        }
        if (!desired.spread().equals(record.spread())) {
            differs.add("spread");
        }
        return differs;
    }

    /** {@code cmd} and {@code args} as one command line, as circus runs them: {@code sleep 600} either way. */
    private static String commandLine(JsonNode spec) {
        JsonNode args = spec.path("args");
        StringBuilder line = new StringBuilder(spec.path("cmd").asText(""));
        if (args.isTextual() && !args.asText().isEmpty()) {
            line.append(' ').append(args.asText());
        }
        args.forEach(arg -> line.append(' ').append(arg.asText()));
        return line.toString().strip();
    }

    /** Whether only the count differs: a scale, not a replacement. */
    static boolean onlyCount(Entry entry) {
        return entry.what().filter(w -> w.equals("instances changed")).isPresent();
    }
}
