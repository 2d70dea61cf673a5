package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a long-running operation's progress, as the call that starts it streams them with
 * {@code Accept: application/x-ndjson}: the first and the last line carry the whole {@code operation}
 * (the last one over: {@code done} or {@code failed}); a line between carries one step that changed,
 * its {@code index} in the steps and the {@code step} itself; a line with neither says the operation
 * is still {@code running} (sent when nothing changed for a while, so that a quiet stream is not taken
 * for a dead one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OperationEvent(String id, String state, Integer index, OperationView.Step step, OperationView operation) {}
