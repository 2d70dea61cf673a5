/**
 * The manager's HTTP API as Java records: the request bodies, with the rules the manager validates
 * them by, and the representations it answers with. The manager serves these types and the client
 * reads them, so the wire format is written once; the README's HTTP API section shows it.
 *
 * <p>Every type here is an immutable record with no behaviour beyond checks of its own fields.
 * Representations ignore fields they do not know when read, so that a newer manager can add
 * fields without breaking an older client.
 */
package org.circusmeta.api;
