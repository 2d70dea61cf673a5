/**
 * The logs of a real circusd, served by its agent (docs/logs.md):
 * {@link org.circusmeta.registration.logs.CircusdLogs} asks circusd where each watcher writes its
 * output, follows the files of the {@code FileStream} family across their rotations
 * ({@code FileTail}), and serves their lines on a {@link org.circusmeta.protocol.logs.LogsEndpoint};
 * a watcher whose output goes nowhere readable is reported with the circus.ini lines that fix it
 * ({@code WatcherOutput}).
 */
package org.circusmeta.registration.logs;
