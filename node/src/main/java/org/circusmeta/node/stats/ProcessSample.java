package org.circusmeta.node.stats;

/**
 * One reading of one process.
 *
 * @param cpuSeconds user + system CPU time of the process itself (what the cpu % is computed from)
 * @param ctimeSeconds user + system CPU time including its waited-for children (what {@code ctime} shows)
 * @param createTime Unix seconds, two decimals as psutil gives it
 * @param cmdline the base name of argv[0]
 *
 * <p>Immutable.
 */
record ProcessSample(long pid, long rssBytes, long vmsBytes, double cpuSeconds, double ctimeSeconds,
        String username, int nice, double createTime, String cmdline) {}
