package org.circusmeta.registration.registrar;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.zookeeper.KeeperException;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.registration.record.NodeRecord;
import org.circusmeta.registration.record.RegistryPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registrar's hold on one name: {@code /nodes/<name>} while it is wanted, never taken from a
 * stranger. Before creating the znode it reads it: free, or owned by one of the registrar's own
 * sessions, it starts a {@link RecordNode}; owned by another live session, it records that holder
 * and waits. It watches the znode all along, so a stranger that shows up (possible only in the
 * moment after this registrar's session expired) makes it stop at once, leaving the stranger's node
 * alone, and a holder that goes lets the registrar try again. How the znode is held, and removed,
 * with ZooKeeper ACLs off and on, is the {@link RecordHold}'s business.
 *
 * <p>Confined to the registrar's serial executor ({@code actor}); Curator callbacks hop onto it.
 */
final class Registration {
    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    private static final long FRESH_CHECK_NANOS = 250_000_000L;

    /** Who owns the znode, as last seen. */
    enum Owner { ABSENT, THIS_SESSION, OLD_SESSION, STRANGER }

    private final CuratorFramework curator;
    private final String name;
    private final String path;
    private final NodeRecord template;
    private final Sessions sessions;
    private final Registrar registrar;
    private final Executor actor;
    private final Runnable changed;
    private final ZnodeWatch watch;
    private final RecordHold hold;

    private boolean created;
    private boolean wanted;
    private boolean checking;
    private boolean closed;
    private long freeSince = -1;
    private Optional<ChildData> seen = Optional.empty();
    private Optional<String> holder = Optional.empty();
    private Optional<String> refusal = Optional.empty();

    Registration(CuratorFramework curator, String name, NodeRecord template, Sessions sessions, Registrar registrar,
            Executor actor, Runnable changed, Optional<RecordSessions> recordSessions) {
        this.curator = curator;
        this.name = name;
        this.path = RegistryPaths.node(name);
        this.template = template;
        this.sessions = sessions;
        this.registrar = registrar;
        this.actor = actor;
        this.changed = changed;
        this.watch = new ZnodeWatch(curator, path, data -> actor.execute(() -> onSeen(data)));
        this.hold = new RecordHold(curator, name, path, sessions, recordSessions);
    }

    String name() {
        return name;
    }

    String path() {
        return path;
    }

    /** Starts watching the znode and reads it once, so that a registration can follow without delay. */
    void start() {
        hold.open();
        check();
        watch.start();
    }

    /** Why ZooKeeper's ACLs do not let this registrar register, when they do not. */
    Optional<String> refusal() {
        return refusal;
    }

    /** The host of the session that holds the name, when it is not this registrar. */
    Optional<String> holder() {
        return holder;
    }

    Owner owner() {
        if (seen.isEmpty() || seen.get().getStat() == null) {
            return Owner.ABSENT;
        }
        long owner = seen.get().getStat().getEphemeralOwner();
        return sessions.isCurrent(owner) ? Owner.THIS_SESSION
                : sessions.isOwn(owner) ? Owner.OLD_SESSION : Owner.STRANGER;
    }

    /** The session that owns the znode, as last seen (0 when absent). */
    long ownerSession() {
        return seen.map(d -> d.getStat().getEphemeralOwner()).orElse(0L);
    }

    /** Registers (when the name is free or this registrar's) or deregisters. */
    void want(boolean registered) {
        wanted = registered && !closed;
        if (!wanted) {
            release();
            return;
        }
        if (hold.isHeld() || checking || !claimLocally()) {
            return;
        }
        if (freeSince >= 0 && System.nanoTime() - freeSince < FRESH_CHECK_NANOS && hold.isPrepared()) {
            createNode();
        } else {
            check();
        }
    }

    private boolean claimLocally() {
        Optional<Registrar> local = LocalClaims.claim(curator, name, registrar);
        local.ifPresent(other -> holdBy(other.recordHost() + " (another registrar in this process)", 0));
        return local.isEmpty();
    }

    private void check() {
        checking = true;
        hold.prepare().whenComplete((problem, e) -> actor.execute(() -> onPrepared(problem, e)));
    }

    private void onPrepared(Optional<String> problem, Throwable failure) {
        if (closed || failure != null || problem.isPresent()) {
            checking = false;
            if (failure != null) {
                LOG.debug("node {}: could not read the ACL of {} ({}); trying again on the next health check", name,
                        RegistryPaths.NODES, failure.toString());
            } else if (problem.isPresent() && !refusal.equals(problem)) {
                LOG.error("node {}: not registering: {}", name, problem.get());
                refusal = problem;
                changed.run();
            }
            return;
        }
        refusal = Optional.empty();
        readZnode();
    }

    private void readZnode() {
        try {
            curator.getData().inBackground((c, event) -> actor.execute(() -> onChecked(event))).forPath(path);
        } catch (Exception e) {
            checking = false;
            LOG.warn("node {}: could not read {}: {}", name, path, e.toString());
        }
    }

    private void onChecked(CuratorEvent event) {
        checking = false;
        freeSince = -1;
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        if (code == KeeperException.Code.OK && !sessions.isOwn(event.getStat().getEphemeralOwner())) {
            holdBy(hostIn(event.getData()), event.getStat().getEphemeralOwner());
        } else if (code == KeeperException.Code.OK || code == KeeperException.Code.NONODE) {
            holder = Optional.empty();
            freeSince = System.nanoTime();
            if (wanted && !closed && !hold.isHeld() && claimLocally()) {
                createNode();
            }
        } else {
            LOG.debug("node {}: reading {} gave {}; trying again on the next health check", name, path, code);
        }
        changed.run();
    }

    private void createNode() {
        if (!hold.isPrepared()) {
            check();
            return;
        }
        freeSince = -1;
        sessions.remember();
        NodeRecord record = template.withName(name).withRegisteredAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        created = true;
        hold.create(record.toBytes());
        LOG.debug("node {}: creating {}", name, path);
    }

    private void holdBy(String host, long session) {
        if (!holder.equals(Optional.of(host))) {
            LOG.error("node {}: the name is held by another live session (host {}{}); this registrar does not take"
                            + " {} and waits for it to go. Give this node another name (--name), or stop the other"
                            + " registrar; if the holder is this host's previous run, ZooKeeper ends its session"
                            + " within the session timeout.", name, host,
                    session == 0 ? "" : ", session " + Sessions.hex(session), path);
        }
        holder = Optional.of(host);
    }

    private void onSeen(Optional<ChildData> data) {
        if (closed) {
            return;
        }
        seen = data.filter(d -> d.getStat() != null);
        Owner owner = owner();
        if (owner == Owner.STRANGER) {
            if (hold.isHeld()) {
                LOG.error("node {}: {} was taken by another session ({}) while this registrar re-created it;"
                        + " stopping here and leaving that node alone", name, path, Sessions.hex(ownerSession()));
                release();
            }
            holdBy(hostIn(seen.get().getData()), ownerSession());
        } else if (owner == Owner.ABSENT && holder.isPresent()) {
            LOG.info("node {}: {} is free again", name, path);
            holder = Optional.empty();
            if (wanted) {
                want(true);
            }
        } else if (owner != Owner.ABSENT && hold.isHeld() && !Arrays.equals(seen.get().getData(), hold.data())) {
            restoreRecord(seen.get().getStat().getVersion());
        }
        changed.run();
    }

    /**
     * Writes this registrar's record back over another one. A second registrar whose create meets this
     * znode in the same instant overwrites its data (Curator's PersistentNode sets the data of a node
     * its create finds) before it sees the owner and backs off; the version guard leaves a node
     * replaced meanwhile alone.
     */
    private void restoreRecord(int version) {
        LOG.warn("node {}: {} held another record than this registrar's (another registrar with this name tried to"
                + " take it); writing this registrar's record back", name, path);
        try {
            curator.setData().withVersion(version).inBackground().forPath(path, hold.data());
        } catch (Exception e) {
            LOG.warn("node {}: could not write the record of {} back: {}", name, path, e.toString());
        }
    }

    /** The znode exists, holds this registrar's record, and this registrar keeps it. */
    boolean isRegistered() {
        Owner owner = owner();
        return hold.isHeld() && holder.isEmpty() && (owner == Owner.THIS_SESSION || owner == Owner.OLD_SESSION);
    }

    /**
     * Removes the znode (if this registrar's) in the background; completes when that is done. Without
     * a record node, removes a znode this registration created that is still seen: one whose removal
     * found ZooKeeper unreachable, while the session outlived the outage. (A registrar refused by
     * {@link LocalClaims} shares the holder's session, so the owner alone cannot say whose it is.)
     */
    CompletableFuture<Void> release() {
        Owner owner = owner();
        return hold.release(created && (owner == Owner.THIS_SESSION || owner == Owner.OLD_SESSION), closed);
    }

    /** Stops watching, removes the znode if this registrar's, gives the name back; completes when removed. */
    CompletableFuture<Void> close() {
        closed = true;
        wanted = false;
        watch.close();
        CompletableFuture<Void> removed = release();
        LocalClaims.release(curator, name, registrar);
        return removed;
    }

    /** The {@code host} of a record, for messages; never throws. */
    static String hostIn(byte[] data) {
        if (data == null || data.length == 0) {
            return "unknown host (the znode is empty)";
        }
        try {
            String host = CircusJson.readObject(data).path("host").asText("");
            return host.isEmpty() ? "unknown host (the record names none)" : host;
        } catch (MalformedMessageException e) {
            return "unknown host (the record is not JSON)";
        }
    }
}
