package org.circusmeta.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A circusmeta-node in a process of its own, started by {@code scripts/circusmeta-node} as an operator
 * starts one and registered in ZooKeeper: the only kind of node that can really be frozen
 * ({@code SIGSTOP}: every thread stops, its sockets stay open and silent) or killed ({@code SIGKILL}:
 * its sockets close, its ZooKeeper session lives on until it expires). A node killed so leaves the
 * processes it supervised running, as a killed circusd does (each is in a session of its own, and its
 * parent is gone): {@link #kill()} ends them after the node. Needs the node's jar built (the script
 * would otherwise build it first). Closing it stops the node as SIGTERM does, and kills it when it has
 * not stopped within 30 s.
 *
 * <p>Thread-safe.
 */
public final class SeparateNode implements AutoCloseable {
    private final String name;
    private final Process process;

    private SeparateNode(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code HOME/scripts/circusmeta-node --config INI --zookeeper ZK --name NAME FLAGS...}, its
     * output (both streams) written to {@code output}.
     */
    public static SeparateNode start(Path home, String name, String zookeeper, Path ini, List<String> flags, Path output) {
        List<String> command = new ArrayList<>(List.of(home.resolve("scripts").resolve("circusmeta-node").toString(),
                "--config", ini.toString(), "--zookeeper", zookeeper, "--name", name));
        command.addAll(flags);
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectErrorStream(true).start();
            return new SeparateNode(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start circusmeta-node " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGSTOP. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT. */
    public void thaw() {
        signal("CONT");
    }

    /** SIGKILL to the node; once it is dead, SIGKILL to the processes it supervised, which outlive it. */
    public void kill() {
        List<ProcessHandle> supervised = process.descendants().toList();
        signal("KILL");
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        supervised.forEach(ProcessHandle::destroyForcibly);
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            thaw();
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
