package org.circusmeta.node.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.circusmeta.protocol.CircusJson;

/**
 * The process-info object of circus's {@code stats}, {@code dstats} and stats stream (docs/protocol.md,
 * "The process-info object"), in circus's key order and formats.
 *
 * <p>Thread-safe (stateless).
 */
final class ProcessInfo {
    private static final String[] SYMBOLS = {"K", "M", "G", "T", "P", "E", "Z", "Y"};

    private ProcessInfo() {}

    static ObjectNode json(ProcessSample s, double cpuPercent, long totalMemory, double now) {
        ObjectNode o = CircusJson.object();
        o.put("mem_info1", bytes2human(s.rssBytes()));
        o.put("mem_info2", bytes2human(s.vmsBytes()));
        o.put("cpu", cpuPercent);
        o.put("mem", totalMemory <= 0 ? 0.0 : Math.round(s.rssBytes() * 100.0 / totalMemory * 1000) / 1000.0);
        o.put("ctime", ctime(s.ctimeSeconds()));
        o.put("pid", s.pid());
        o.put("username", s.username());
        o.put("nice", s.nice());
        o.put("create_time", s.createTime());
        o.put("age", now - s.createTime());
        o.put("cmdline", s.cmdline());
        o.putArray("children");
        return o;
    }

    /** circus's {@code bytes2human}: binary units, two decimals; below 1 KiB, {@code <n>B}. */
    static String bytes2human(long n) {
        for (int i = SYMBOLS.length - 1; i >= 0; i--) {
            double prefix = Math.pow(1024, i + 1);
            if (n >= prefix) {
                return String.format(Locale.ROOT, "%.2f%s", n / prefix, SYMBOLS[i]);
            }
        }
        return n + "B";
    }

    /**
     * circus's {@code M:SS.cc} CPU time, with its quirk: the fraction is the first two digits of the
     * microseconds written without leading zeros ({@code 0:00.50} for 0.05 s and for 0.005 s).
     */
    static String ctime(double seconds) {
        long micros = Math.round(seconds * 1_000_000);
        long whole = micros / 1_000_000;
        String fraction = String.valueOf(micros % 1_000_000);
        return (whole / 60 % 60) + ":" + String.format(Locale.ROOT, "%02d", whole % 60) + "."
                + fraction.substring(0, Math.min(2, fraction.length()));
    }
}
