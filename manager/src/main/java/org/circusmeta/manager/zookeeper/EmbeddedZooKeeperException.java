package org.circusmeta.manager.zookeeper;

/** The embedded ZooKeeper server could not start; the message says why and what to change. */
public class EmbeddedZooKeeperException extends RuntimeException {
    public EmbeddedZooKeeperException(String message, Throwable cause) {
        super(message, cause);
    }
}
