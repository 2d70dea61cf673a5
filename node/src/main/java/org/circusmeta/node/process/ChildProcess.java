package org.circusmeta.node.process;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One OS process a watcher supervises: its pid, its worker slot ({@code wid}), when it was spawned, and
 * what should happen when it exits. When it was started in a session of its own (circusd does
 * {@code setsid()} in the child; here the {@code setsid} program does it), its pid is also its process
 * group, so signals can reach the children it forked even after it died.
 *
 * <p>Confined to the node's loop thread, except {@link #pid()}, {@link #wid()}, {@link #started()} and
 * {@link #exited()}, which any thread may read.
 */
public final class ChildProcess {
    /** What the watcher does when the process exits. */
    public enum Disposition {
        /** Not asked to stop: its death is unexpected, reaped and replaced. */
        RUNNING,
        /** Being stopped by stop, rm, restart or quit: a {@code reap} event when it exits. */
        REAP_ON_EXIT,
        /** Being stopped by decr, kill, reload or set: dropped silently when it exits, as circusd does. */
        DROP_ON_EXIT,
        /** Left running unmanaged ({@code rm} with {@code nostop}). */
        FORGOTTEN
    }

    private final Process process;
    private final long pid;
    private final int wid;
    private final double started;
    private final boolean ownGroup;
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private Disposition disposition = Disposition.RUNNING;

    ChildProcess(Process process, int wid, double started, boolean ownGroup) {
        this.process = process;
        this.pid = process.pid();
        this.wid = wid;
        this.started = started;
        this.ownGroup = ownGroup;
    }

    public long pid() {
        return pid;
    }

    public int wid() {
        return wid;
    }

    /** Unix time in seconds when it was spawned. */
    public double started() {
        return started;
    }

    public boolean hasOwnGroup() {
        return ownGroup;
    }

    public Disposition disposition() {
        return disposition;
    }

    public void dispose(Disposition next) {
        disposition = next;
    }

    public boolean isStopping() {
        return disposition == Disposition.REAP_ON_EXIT || disposition == Disposition.DROP_ON_EXIT;
    }

    /** The read end of its stdout pipe. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** The read end of its stderr pipe. */
    public InputStream stderr() {
        return process.getErrorStream();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes on a JDK process-reaper thread when the OS process has exited. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Completes, on the loop thread, with circus's exit code once the watcher has handled the exit. */
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    public void markExited(int exitCode) {
        exited.complete(exitCode);
    }

    /**
     * The exit code as circus reports it: the exit status, or minus the signal that killed it. The JDK
     * reports a death by signal N as 128 + N, so a process that itself exits with such a status reads
     * as killed by that signal.
     */
    public int circusExitCode() {
        int value = process.exitValue();
        return value > 128 && value <= 128 + 64 ? -(value - 128) : value;
    }

    /**
     * Sends a signal, unless the JDK has reaped the process already: its pid may then belong to another
     * process. (The JDK's {@code Process.destroy} makes the same check; the race left between the check
     * and the signal is microseconds long, and the kernel does not hand a freed pid out again that soon.)
     *
     * @return false when the process is already gone
     */
    public boolean signal(int signal) {
        return process.isAlive() && Signals.send(pid, signal);
    }

    /** Sends a signal to every process left in its group; false when none is left or it has no group. */
    public boolean signalGroup(int signal) {
        return ownGroup && Signals.sendGroup(pid, signal);
    }

    /** True while a live (not zombie) process is left in its group. */
    public boolean groupAlive() {
        return ownGroup && Signals.groupAlive(pid) && ProcessGroups.hasLiveMember(pid);
    }

    /** The pids of its direct children. */
    public List<Long> children() {
        return process.toHandle().children().map(ProcessHandle::pid).toList();
    }

    /** The pids of all its descendants. */
    public List<Long> descendants() {
        return process.toHandle().descendants().map(ProcessHandle::pid).toList();
    }

    @Override
    public String toString() {
        return "process " + pid + " (wid " + wid + ")";
    }
}
