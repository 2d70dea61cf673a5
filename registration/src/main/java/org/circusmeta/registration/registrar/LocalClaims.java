package org.circusmeta.registration.registrar;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;

/**
 * The node names claimed by the registrars of this JVM, per ZooKeeper client and namespace. Two
 * registrars sharing one client share one session, so ZooKeeper's ephemeral owner cannot tell them
 * apart; this table does: the second one to claim a name is refused, as a stranger's session would
 * be.
 *
 * <p>Thread-safe.
 */
final class LocalClaims {
    private record Key(Object zookeeper, String namespace, String name) {}

    private static final Map<Key, Registrar> CLAIMS = new ConcurrentHashMap<>();

    private LocalClaims() {}

    /** Claims the name for the registrar; empty when it has it now, else the registrar that holds it. */
    static Optional<Registrar> claim(CuratorFramework curator, String name, Registrar registrar) {
        Registrar holder = CLAIMS.putIfAbsent(key(curator, name), registrar);
        return holder == null || holder == registrar ? Optional.empty() : Optional.of(holder);
    }

    static void release(CuratorFramework curator, String name, Registrar registrar) {
        CLAIMS.remove(key(curator, name), registrar);
    }

    private static Key key(CuratorFramework curator, String name) {
        return new Key(curator.getZookeeperClient(), String.valueOf(curator.getNamespace()), name);
    }
}
