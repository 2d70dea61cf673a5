package org.circusmeta.manager.api;

/** A request that passed the schema but makes no sense; the message starts with the field at fault. */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
