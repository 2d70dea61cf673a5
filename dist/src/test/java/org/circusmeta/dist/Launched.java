package org.circusmeta.dist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A launcher of the archive started in the background, its output in a file. */
record Launched(String name, Process process, Path log) {
    /** What to start: the command, its working directory and environment, where its output goes. */
    record Spec(String name, List<String> command, Path dir, Map<String, String> env, Path log) {}

    static Launched start(Spec spec) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(spec.dir().toFile()).redirectErrorStream(true)
                .redirectOutput(spec.log().toFile());
        builder.environment().putAll(spec.env());
        return new Launched(spec.name(), builder.start(), spec.log());
    }

    /** SIGTERM, as systemd or circusd stops it; its exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not stop within 60 s of SIGTERM; its log: " + tail());
        }
        return process.exitValue();
    }

    /** After a failed test: SIGKILL to it and whatever it started. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    String tail() {
        String text = Shell.read(log);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
