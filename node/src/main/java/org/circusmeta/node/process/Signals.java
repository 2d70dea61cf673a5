package org.circusmeta.node.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux signal numbers by the names Python's {@code signal} module gives them, circus's
 * {@code to_signum} rules, and {@code kill(2)} through JNA's libc binding.
 *
 * <p>Thread-safe (stateless).
 */
public final class Signals {
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final int ESRCH = 3;
    private static final Pattern NAME = Pattern.compile("^(\\w+)(\\+(\\d+))?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Map<String, Integer> NUMBERS = numbers();

    private Signals() {}

    /** A signal name that Python's signal module does not have: circusd answers with its generic errno-5 error. */
    public static final class UnknownSignalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownSignalException(String pythonName) {
            super("module 'signal' has no attribute '" + pythonName + "'");
        }
    }

    private interface Libc extends Library {
        int kill(int pid, int sig) throws LastErrorException;
    }

    private static final class Native0 {
        static final Libc LIBC = Native.load("c", Libc.class);
    }

    /**
     * Reads a signal as circus's {@code to_signum} does: an integer, a string holding one, or a name
     * with or without {@code SIG} and with an optional {@code +N} offset ({@code SIGRTMIN+1}).
     *
     * @throws UnknownSignalException for a name Python does not know
     * @throws IllegalArgumentException ("signal invalid") for anything else that is not a signal
     */
    public static int parse(JsonNode value) {
        if (value.isIntegralNumber() || value.isFloatingPointNumber()) {
            return value.intValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("signal invalid");
        }
        return parse(value.textValue());
    }

    public static int parse(String text) {
        String stripped = text.strip();
        if (INTEGER.matcher(stripped).matches()) {
            return Integer.parseInt(stripped);
        }
        Matcher m = NAME.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("signal invalid");
        }
        String name = m.group(1).toUpperCase(Locale.ROOT);
        if (!name.startsWith("SIG")) {
            name = "SIG" + name;
        }
        Integer number = NUMBERS.get(name);
        if (number == null) {
            throw new UnknownSignalException(name);
        }
        return number + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** A signal's number by name, for configuration files; empty when unknown. */
    public static OptionalInt byName(String text) {
        try {
            return OptionalInt.of(parse(text));
        } catch (IllegalArgumentException | UnknownSignalException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Sends a signal to one process.
     *
     * @return false when no such process exists (any more)
     * @throws IllegalStateException when the system refuses for another reason (permission), saying which
     */
    public static boolean send(long pid, int signal) {
        return kill((int) pid, signal, "process " + pid);
    }

    /** Sends a signal to every process of a process group; false when the group is empty. */
    public static boolean sendGroup(long pgid, int signal) {
        return kill((int) -pgid, signal, "process group " + pgid);
    }

    /** True while at least one process of the group lives (signal 0 checks without sending). */
    public static boolean groupAlive(long pgid) {
        return sendGroup(pgid, 0);
    }

    private static boolean kill(int target, int signal, String what) {
        try {
            Native0.LIBC.kill(target, signal);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                return false;
            }
            throw new IllegalStateException("could not send signal " + signal + " to " + what + ": errno "
                    + e.getErrorCode(), e);
        }
    }

    private static Map<String, Integer> numbers() {
        Map<String, Integer> m = new TreeMap<>();
        String[] names = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
            "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ",
            "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
        for (int i = 0; i < names.length; i++) {
            m.put("SIG" + names[i], i + 1);
        }
        m.put("SIGIOT", 6);
        m.put("SIGCLD", 17);
        m.put("SIGPOLL", 29);
        m.put("SIGRTMIN", 34);
        m.put("SIGRTMAX", 64);
        return Map.copyOf(m);
    }
}
