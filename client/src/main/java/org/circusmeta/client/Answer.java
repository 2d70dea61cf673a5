package org.circusmeta.client;

/**
 * A successful answer of the manager's API: the status, the body exactly as it came (what the CLI's
 * {@code --json} prints), and the body read as the call's record.
 *
 * @param <T> what the call answers with
 */
public record Answer<T>(int status, String body, T value) {}
