package org.circusmeta.registration.registrar;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.zookeeper.KeeperException;
import org.circusmeta.registration.record.RegistryPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the rename requests at {@code /renames/<name>} (docs/registry.md, "Renames"). A request for
 * a valid name that is free (or this registrar's) is handed to the registrar, and deleted once the
 * registrar has re-registered; a request that is not {@code {"name": NEW}}, names an invalid name, or
 * a name another live session holds, is logged and deleted. Only a registrar that is not waiting for
 * a stranger's hold on its name follows them: the request is meant for the holder.
 *
 * <p>With ZooKeeper ACLs on, only managers may delete under {@code /renames} (ZooKeeper checks a
 * delete against the parent's ACL), so a request this registrar may not delete is emptied instead:
 * its ACL lets the node's registrar write it. An empty request is no request.
 *
 * <p>Confined to the registrar's serial executor; Curator callbacks hop onto it.
 */
final class RenameHandler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RenameHandler.class);

    private final CuratorFramework curator;
    private final String name;
    private final String path;
    private final Registrar registrar;
    private final Sessions sessions;
    private final Executor actor;
    private final Function<String, CompletableFuture<Void>> rename;
    private final BooleanSupplier mayRename;
    private final ZnodeWatch watch;
    private boolean busy;
    private boolean closed;

    RenameHandler(CuratorFramework curator, String name, Registrar registrar, Sessions sessions, Executor actor,
            Function<String, CompletableFuture<Void>> rename, BooleanSupplier mayRename) {
        this.curator = curator;
        this.name = name;
        this.path = RegistryPaths.rename(name);
        this.registrar = registrar;
        this.sessions = sessions;
        this.actor = actor;
        this.rename = rename;
        this.mayRename = mayRename;
        this.watch = new ZnodeWatch(curator, path, data -> actor.execute(() -> data.ifPresent(this::follow)));
    }

    void start() {
        watch.start();
    }

    /** Follows a request that is waiting, if any (one seen while the name was held by a stranger). */
    void poll() {
        watch.current().ifPresent(this::follow);
    }

    private void follow(ChildData request) {
        if (busy || closed || !mayRename.getAsBoolean() || request.getData() == null || request.getData().length == 0) {
            return;
        }
        RenameRequest parsed = RenameRequest.parse(name, request.getData());
        if (parsed.to().isEmpty()) {
            refuse(parsed.problem());
            return;
        }
        String to = parsed.to().get();
        if (to.equals(name)) {
            LOG.info("node {}: rename request {} names the current name; nothing to do, request deleted", name, path);
            deleteRequest();
            return;
        }
        Optional<Registrar> local = LocalClaims.claim(curator, to, registrar);
        if (local.isPresent()) {
            refuse("another registrar in this process (host " + local.get().recordHost() + ") holds " + to);
            return;
        }
        busy = true;
        try {
            curator.getData().inBackground((c, event) -> actor.execute(() -> onTarget(to, event)))
                    .forPath(RegistryPaths.node(to));
        } catch (Exception e) {
            busy = false;
            LocalClaims.release(curator, to, registrar);
            LOG.warn("node {}: could not read {} to follow the rename request: {}", name, RegistryPaths.node(to),
                    e.toString());
        }
    }

    private void onTarget(String to, CuratorEvent event) {
        KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
        boolean free = code == KeeperException.Code.NONODE
                || (code == KeeperException.Code.OK && sessions.isOwn(event.getStat().getEphemeralOwner()));
        if (closed || !free) {
            busy = false;
            LocalClaims.release(curator, to, registrar);
            if (!closed && code == KeeperException.Code.OK) {
                refuse(RegistryPaths.node(to) + " is held by another live session (host " + Registration.hostIn(event.getData())
                        + ")");
            }
            return;
        }
        LOG.info("node {}: following rename request {}: re-registering as {}", name, path, to);
        rename.apply(to).whenComplete((v, e) -> deleteRequest());
    }

    private void refuse(String why) {
        LOG.warn("node {}: rename request {} refused: {}; request deleted, the node keeps its name", name, path, why);
        deleteRequest();
    }

    /** Guaranteed: a request left behind by a lost connection would rename the next registrar of this name. */
    private void deleteRequest() {
        try {
            curator.delete().guaranteed().inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code == KeeperException.Code.NOAUTH) {
                    emptyRequest();
                } else if (code != KeeperException.Code.OK && code != KeeperException.Code.NONODE) {
                    LOG.warn("node {}: could not delete the rename request {} ({})", name, path, code);
                }
            }).forPath(path);
        } catch (Exception e) {
            LOG.warn("node {}: could not delete the rename request {}: {}", name, path, e.toString());
        }
    }

    private void emptyRequest() {
        try {
            curator.setData().inBackground((c, event) -> {
                KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
                if (code != KeeperException.Code.OK && code != KeeperException.Code.NONODE) {
                    LOG.warn("node {}: the rename request {} may be neither deleted nor emptied by this registrar ({});"
                            + " a manager must delete it, or it renames this node's next registrar", name, path, code);
                }
            }).forPath(path, new byte[0]);
        } catch (Exception e) {
            LOG.warn("node {}: could not empty the rename request {}: {}", name, path, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        watch.close();
    }
}
