/**
 * Test fixtures shared by the modules: the circusd 0.19.0 transcripts ({@link
 * org.circusmeta.testsupport.Vectors}), the structural comparison of replies ({@link
 * org.circusmeta.testsupport.JsonShape}), a scriptable fake circusd control socket ({@link
 * org.circusmeta.testsupport.RouterPeer}), all in plain Jackson and JeroMQ, the ending of a
 * ZooKeeper session on the server ({@link org.circusmeta.testsupport.ZooKeeperSessions}), in plain
 * ZooKeeper; and a circusmeta-node in a process of its own, to freeze and kill ({@link
 * org.circusmeta.testsupport.SeparateNode}).
 */
package org.circusmeta.testsupport;
