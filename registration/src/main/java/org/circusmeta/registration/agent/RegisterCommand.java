package org.circusmeta.registration.agent;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.circusmeta.protocol.CircusException;
import org.circusmeta.registration.cli.CommandLines;
import org.circusmeta.registration.ini.IniException;
import org.circusmeta.registration.record.HostInfo;

/**
 * {@code circusmeta-register} (README.md, "Joining real circusd nodes"): registers the circusd of this
 * host in ZooKeeper and keeps it registered until the process is stopped; SIGTERM (or Ctrl-C) removes
 * the znode at once, through a shutdown hook. Exit status: 0 after a clean stop or {@code --help}; 2
 * for a wrong command line, with the help on stderr; 1 when the command line is right but what it
 * names is not (a missing or wrong circus.ini, credentials file or ZooKeeper client configuration,
 * a logs endpoint that cannot be bound). Logs go to stderr.
 *
 * <p>Not thread-safe; {@link #main} runs it once.
 */
public final class RegisterCommand {
    /** What the command line asks for: a plan to run, or an exit status at once. */
    record Outcome(Optional<RegistrationPlan> plan, int status) {}

    private final PrintWriter out;
    private final PrintWriter err;
    private final HostInfo host;

    RegisterCommand(PrintStream out, PrintStream err, HostInfo host) {
        this.out = new PrintWriter(out, true, StandardCharsets.UTF_8);
        this.err = new PrintWriter(err, true, StandardCharsets.UTF_8);
        this.host = host;
    }

    public static void main(String[] args) {
        int status = new RegisterCommand(System.out, System.err, HostInfo.local()).run(true, args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command: returns its exit status at once for {@code --help} or an error, else after
     * the agent has been stopped (by the shutdown hook it installs).
     */
    public int run(String... args) {
        return run(false, args);
    }

    /** As {@link #run(String...)}; alone in its JVM, it first spares the agent the JDK's TLS stack if it speaks no TLS. */
    private int run(boolean ownJvm, String... args) {
        Outcome outcome = plan(args);
        if (outcome.plan().isEmpty()) {
            return outcome.status();
        }
        if (ownJvm && !outcome.plan().get().zookeeper().secure()) {
            NoDefaultTls.install();
        }
        RegistrationAgent agent = new RegistrationAgent(outcome.plan().get());
        Thread hook = new Thread(agent::close, "register-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            agent.start();
        } catch (CircusException e) {
            err.println("circusmeta-register: " + e.getMessage());
            Runtime.getRuntime().removeShutdownHook(hook);
            agent.close();
            return CommandLines.CONFIG_ERROR;
        }
        try {
            agent.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.close();
        }
        return 0;
    }

    /** Reads the command line and the circus.ini; writes the usage or the reason to the streams. */
    Outcome plan(String... args) {
        RegisterFlags flags = new RegisterFlags();
        OptionalInt done = CommandLines.parse(flags, out, err, args);
        if (done.isPresent()) {
            return new Outcome(Optional.empty(), done.getAsInt());
        }
        try {
            return new Outcome(Optional.of(RegistrationPlan.of(flags, host)), 0);
        } catch (IniException | IllegalArgumentException e) {
            err.println("circusmeta-register: " + e.getMessage());
            return new Outcome(Optional.empty(), CommandLines.CONFIG_ERROR);
        }
    }
}
