/**
 * The registry's ACL model, with ZooKeeper ACLs on: {@link org.circusmeta.registration.acl.ManagerAcls}
 * gives the managers' znodes their ACLs (managers write, registrars create node records, anyone
 * reads), {@link org.circusmeta.registration.acl.RecordAcls} a registrar's node record (its own
 * identity and the managers write it), and {@link org.circusmeta.registration.acl.AclLists} reads and
 * writes ACL lists. docs/security.md tells the whole model and what ZooKeeper cannot enforce.
 */
package org.circusmeta.registration.acl;
