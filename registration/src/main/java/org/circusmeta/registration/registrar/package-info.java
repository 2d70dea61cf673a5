/**
 * The registrar: {@link org.circusmeta.registration.registrar.Registrar} keeps one circus daemon
 * registered as {@code /nodes/<name>} while it answers, with {@link
 * org.circusmeta.registration.registrar.RegistrarOptions} saying what and how, and {@link
 * org.circusmeta.registration.registrar.RegistrarState} telling an operator what it is doing. The
 * rest of the package is its parts: the health calls, the hold on one name (a Curator
 * {@code PersistentNode} that never deletes a stranger's znode), the rename requests, the state file,
 * and the serial executor its work runs on.
 */
package org.circusmeta.registration.registrar;
