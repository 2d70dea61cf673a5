package org.circusmeta.manager.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The long-running operations of this manager replica: those running, and the last {@value #KEPT}
 * that ended, newest last; older ones are forgotten. An operation lives on the replica that runs it
 * (a restart of the replica forgets it).
 *
 * <p>Thread-safe.
 */
public final class Operations {
    static final int KEPT = 100;
    private static final SecureRandom IDS = new SecureRandom();

    private final Map<String, Operation> byId = new LinkedHashMap<>();

    /** A new operation, running, its steps all {@code result} at first. */
    synchronized Operation start(String kind, String about, Operation.Subject subject, List<String> subjects,
            String result) {
        byte[] random = new byte[6];
        IDS.nextBytes(random);
        Operation operation = new Operation("op-" + HexFormat.of().formatHex(random), kind, about, subject, subjects,
                result);
        byId.put(operation.id(), operation);
        forgetOld();
        return operation;
    }

    public synchronized Optional<Operation> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every operation known, oldest first. */
    public synchronized List<Operation> all() {
        return List.copyOf(new ArrayList<>(byId.values()));
    }

    private void forgetOld() {
        int ended = (int) byId.values().stream().filter(o -> o.finished().isDone()).count();
        for (Iterator<Operation> it = byId.values().iterator(); it.hasNext() && ended > KEPT; ) {
            if (it.next().finished().isDone()) {
                it.remove();
                ended--;
            }
        }
    }
}
