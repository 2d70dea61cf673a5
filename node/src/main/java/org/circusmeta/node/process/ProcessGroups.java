package org.circusmeta.node.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process group still has a live member. {@code kill(-pgid, 0)} also succeeds for zombies,
 * which an init that does not reap orphans can leave behind for a while, so the members' states are
 * read from {@code /proc}. Only used while a stopped process's leftovers are being cleaned up.
 *
 * <p>Thread-safe (stateless).
 */
final class ProcessGroups {
    private ProcessGroups() {}

    static boolean hasLiveMember(long pgid) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return true;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : all) {
                if (liveMemberOf(dir, pgid)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return true;
        }
        return false;
    }

    private static boolean liveMemberOf(Path dir, long pgid) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[2]) == pgid && !f[0].equals("Z") && !f[0].equals("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isNumber(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
