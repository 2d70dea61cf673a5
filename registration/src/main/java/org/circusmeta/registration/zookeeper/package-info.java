/**
 * How this project talks to ZooKeeper: {@link org.circusmeta.registration.zookeeper.ZooKeeperSettings}
 * says where the registry is and how to reach it (an identity, {@link
 * org.circusmeta.registration.zookeeper.ZooKeeperCredentials}, when ZooKeeper ACLs are on; a client
 * configuration file for TLS), {@link org.circusmeta.registration.zookeeper.ZooKeeperClients} builds
 * the Curator clients that the agent, the node and the manager share, and {@link
 * org.circusmeta.registration.zookeeper.RegistryException} with its subclasses is what Curator's and
 * ZooKeeper's checked exceptions become at this boundary.
 */
package org.circusmeta.registration.zookeeper;
