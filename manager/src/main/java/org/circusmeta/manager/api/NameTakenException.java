package org.circusmeta.manager.api;

/** The name asked for is held by another node. */
public class NameTakenException extends RuntimeException {
    public NameTakenException(String message) {
        super(message);
    }
}
