/**
 * The registry of circusmeta in ZooKeeper (docs/registry.md): the node record and its znode layout
 * ({@code record}), the ACL model used when ZooKeeper ACLs are on ({@code acl}, docs/security.md),
 * how clients connect ({@code zookeeper}), the reader of circus.ini files ({@code ini}), the
 * registrar that keeps a node registered ({@code registrar}), and {@code circusmeta-register}, the
 * agent that registers an existing circusd ({@code agent}). Nothing here knows Dropwizard.
 */
package org.circusmeta.registration;
