package org.circusmeta.manager.placement;

/** No node can take the watcher; the message says why each was rejected. */
public class NoNodeFitsException extends RuntimeException {
    public NoNodeFitsException(String message) {
        super(message);
    }
}
