package org.circusmeta.node.commands;

import org.circusmeta.node.arbiter.Arbiter;
import org.circusmeta.node.stats.ProcessSampler;

/**
 * What the commands of one node act on: its arbiter, its bound endpoints, the process sampler.
 *
 * <p>Immutable; the arbiter is confined to the node's loop thread, where commands run.
 */
public record CommandContext(Arbiter arbiter, GlobalOptions options, ProcessSampler sampler) {}
