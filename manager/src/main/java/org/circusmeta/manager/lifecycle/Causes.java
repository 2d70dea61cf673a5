package org.circusmeta.manager.lifecycle;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What an asynchronous step failed with, once the wrappers of the futures are taken off. Stateless. */
public final class Causes {
    private Causes() {}

    /** The exception itself, out of the {@link CompletionException} or {@link ExecutionException} that carries it. */
    public static Throwable of(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
