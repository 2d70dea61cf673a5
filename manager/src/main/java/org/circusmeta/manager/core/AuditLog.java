package org.circusmeta.manager.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the audit goes: one JSON line per change to the {@code circusmeta.audit} logger (config.yml gives
 * it a file of its own), and the last {@code keep} entries in memory for {@code GET /api/audit}. Each
 * manager replica keeps its own: the file of every replica is the whole trail.
 *
 * <p>Thread-safe.
 */
public final class AuditLog {
    /** The logger's name, as config.yml configures it. */
    public static final String LOGGER = "circusmeta.audit";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int keep;
    private final ArrayDeque<AuditEntry> recent;

    public AuditLog(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, not " + keep);
        }
        this.keep = keep;
        this.recent = new ArrayDeque<>(keep);
    }

    /** Writes the entry down; never throws. */
    public void record(AuditEntry entry) {
        synchronized (recent) {
            if (recent.size() == keep) {
                recent.removeFirst();
            }
            recent.addLast(entry);
        }
        try {
            AUDIT.info(JSON.writeValueAsString(entry));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("could not write an audit line for '{}' by {}", entry.action(), entry.actor(), e);
        }
    }

    /** The last {@code limit} entries asked at or after {@code since}, oldest first (newest last). */
    public List<AuditEntry> last(Optional<Instant> since, int limit) {
        List<AuditEntry> all;
        synchronized (recent) {
            all = List.copyOf(recent);
        }
        List<AuditEntry> after = since.map(s -> all.stream().filter(e -> !e.at().isBefore(s)).toList()).orElse(all);
        return after.subList(Math.max(0, after.size() - limit), after.size());
    }

    /** How many entries are kept in memory. */
    public int keep() {
        return keep;
    }
}
