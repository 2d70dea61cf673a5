/**
 * The node record ({@link org.circusmeta.registration.record.NodeRecord}), the one place that knows
 * the znode layout ({@link org.circusmeta.registration.record.RegistryPaths}), and the writing of
 * rename requests ({@link org.circusmeta.registration.record.RenameRequests}).
 */
package org.circusmeta.registration.record;
