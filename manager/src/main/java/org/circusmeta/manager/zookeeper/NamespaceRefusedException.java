package org.circusmeta.manager.zookeeper;

/** The manager will not run on a namespace it cannot protect with ZooKeeper ACLs; the message says why and what to do. */
public final class NamespaceRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NamespaceRefusedException(String message) {
        super(message);
    }
}
