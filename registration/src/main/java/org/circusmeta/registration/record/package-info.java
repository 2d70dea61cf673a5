/**
 * The node record ({@link org.circusmeta.registration.record.NodeRecord}) and the one place that
 * knows the znode layout ({@link org.circusmeta.registration.record.RegistryPaths}).
 */
package org.circusmeta.registration.record;
