/**
 * How the manager's components start, close and tell their listeners, written once: the
 * {@link org.circusmeta.manager.lifecycle.Component} that Dropwizard manages, its atomic
 * {@link org.circusmeta.manager.lifecycle.Lifecycle}, the isolated
 * {@link org.circusmeta.manager.lifecycle.Listeners}, and the failure of an asynchronous step
 * unwrapped ({@link org.circusmeta.manager.lifecycle.Causes}).
 */
package org.circusmeta.manager.lifecycle;
