package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/demo} as a user runs it, on free ports beside whatever else runs here: three nodes
 * attached, {@code scripts/circusmeta nodes} lists them, Ctrl-C (SIGINT) stops every process it
 * started, the nodes' watchers included. Needs the jars that {@code mvn verify} packages before the
 * integration tests.
 */
@Timeout(180)
class DemoIT {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> NODES = List.of("web-01", "web-02", "worker-01");

    @TempDir
    Path dir;

    /** A process seen while the demo ran: its pid and start time (so that a reused pid is not it). */
    record Seen(long pid, String startTime, String command) {}

    @Test
    void startsThreeAttachedNodesAndLeavesNothingBehindOnCtrlC() throws Exception {
        for (String jar : List.of("manager/target/circusmeta-manager.jar", "client/target/circusmeta-cli.jar",
                "node/target/circusmeta-node.jar")) {
            assertThat(HOME.resolve(jar)).as("packaged before the integration tests").exists();
        }
        int api = TestingServers.freePort();
        Path output = dir.resolve("demo.out");
        Process demo = new ProcessBuilder("bash", HOME.resolve("scripts/demo").toString(),
                "--api-port", Integer.toString(api), "--admin-port", Integer.toString(TestingServers.freePort()),
                "--zookeeper-port", Integer.toString(TestingServers.freePort()),
                "--circus-port", Integer.toString(threeFreePorts()), "--dir", dir.resolve("demo").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        List<Seen> started = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(demo.isAlive()).as("the demo stopped early:\n%s", read(output)).isTrue();
                return read(output).contains("circusmeta is running");
            });
            assertThat(read(output)).contains(dir.resolve("demo").resolve("logs").toString(),
                    "http://127.0.0.1:" + api + "/api/nodes");

            // The CLI answers within a second, JVM start included: the best of three runs, so that
            // a moment of contention from other builds on this machine does not count.
            Duration fastest = Duration.ofDays(1);
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                String nodes = nodes(api);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                fastest = took.compareTo(fastest) < 0 ? took : fastest;
                for (String node : NODES) {
                    assertThat(nodes).containsPattern("(?m)^" + node + " +attached");
                }
            }
            assertThat(fastest).as("scripts/circusmeta nodes, wall-clock").isLessThan(Duration.ofSeconds(1));

            demo.descendants().forEach(p -> seen(p.pid()).ifPresent(started::add));
            assertThat(started).as("the manager, three nodes and their watchers")
                    .filteredOn(s -> s.command().contains("java")).hasSize(4);
            assertThat(started).filteredOn(s -> s.command().contains("sleep 100000")).hasSize(2);

            new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo stops on SIGINT:\n%s", read(output)).isTrue();
            assertThat(demo.exitValue()).as(read(output)).isZero();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stillRunning(started))
                    .as("left behind by the demo:\n%s", read(output)).isEmpty());
            assertThat(read(output)).contains("demo: stopped.").doesNotContain("killing what did not stop");
        } finally {
            stop(demo);
        }
    }

    @Test
    void saysPlainlyWhichPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process demo = new ProcessBuilder("bash", HOME.resolve("scripts/demo").toString(),
                    "--api-port", Integer.toString(taken.getLocalPort()), "--dir", dir.toString())
                    .redirectErrorStream(true).start();
            String out = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.exitValue()).as(out).isEqualTo(1);
            assertThat(out).contains("port " + taken.getLocalPort() + " (the manager's HTTP API) is already taken",
                    "--api-port");
        }
    }

    private static String nodes(int api) throws IOException, InterruptedException {
        ProcessBuilder command = new ProcessBuilder(HOME.resolve("scripts/circusmeta").toString(), "nodes")
                .redirectErrorStream(true);
        command.environment().put("CIRCUSMETA_MANAGER", "http://127.0.0.1:" + api);
        Process cli = command.start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(out).isZero();
        return out;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** A port P such that P, P+1 and P+2 are free, for the cluster's three circus sockets. */
    private static int threeFreePorts() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = TestingServers.freePort();
            if (port < 65000 && isFree(port + 1) && isFree(port + 2)) {
                return port;
            }
        }
        throw new IllegalStateException("no three consecutive free ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Seen> seen(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
            return Optional.of(new Seen(pid, fields[19], cmdline.strip()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Those still running: same pid and start time, and not a zombie waiting for a reaper. */
    private static String stillRunning(List<Seen> started) {
        return started.stream().filter(s -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(s.pid()), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return fields[19].equals(s.startTime()) && !fields[0].equals("Z") && !fields[0].equals("X");
            } catch (IOException e) {
                return false;
            }
        }).map(s -> s.pid() + " " + s.command()).collect(Collectors.joining("\n"));
    }

    private static void stop(Process demo) {
        if (demo.isAlive()) {
            List<ProcessHandle> all = demo.descendants().toList();
            demo.destroy();
            all.forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }
}
