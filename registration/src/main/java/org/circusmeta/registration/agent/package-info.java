/**
 * {@code circusmeta-register} (SPEC §6), the agent that registers an existing circusd:
 * {@link org.circusmeta.registration.agent.RegisterCommand} reads its flags ({@link
 * org.circusmeta.registration.agent.RegisterFlags}), works out what to register from them and the
 * circus.ini ({@link org.circusmeta.registration.agent.RegistrationPlan}), and keeps a {@link
 * org.circusmeta.registration.registrar.Registrar} running until it is stopped.
 */
package org.circusmeta.registration.agent;
