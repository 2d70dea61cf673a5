/**
 * {@code circusmeta-register} (README.md, "Joining real circusd nodes"), the agent that registers an existing circusd:
 * {@link org.circusmeta.registration.agent.RegisterCommand} reads its flags ({@code RegisterFlags}),
 * works out what to register from them and the circus.ini ({@code RegistrationPlan}), and keeps a
 * {@link org.circusmeta.registration.registrar.Registrar} running ({@code RegistrationAgent}) until it
 * is stopped. Everything but the command is package-private.
 */
package org.circusmeta.registration.agent;
