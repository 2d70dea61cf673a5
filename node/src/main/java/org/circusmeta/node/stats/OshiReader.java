package org.circusmeta.node.stats;

import java.util.Optional;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Processes read through OSHI, where there is no {@code /proc} to read directly. Slower (several
 * reads per process), but portable.
 *
 * <p>Confined to the sampler thread.
 */
final class OshiReader implements ProcessReader {
    private final OperatingSystem os;
    private final long totalMemory;

    OshiReader(SystemInfo system) {
        this.os = system.getOperatingSystem();
        this.totalMemory = system.getHardware().getMemory().getTotal();
    }

    @Override
    public long totalMemory() {
        return totalMemory;
    }

    @Override
    public Optional<ProcessSample> read(long pid) {
        OSProcess p = os.getProcess((int) pid);
        if (p == null) {
            return Optional.empty();
        }
        double cpu = (p.getUserTime() + p.getKernelTime()) / 1000.0;
        String path = p.getName();
        return Optional.of(new ProcessSample(pid, p.getResidentSetSize(), p.getVirtualSize(), cpu, cpu, p.getUser(),
                p.getPriority(), Math.round(p.getStartTime() / 10.0) / 100.0, path.substring(path.lastIndexOf('/') + 1)));
    }
}
