package org.circusmeta.node.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.circusmeta.node.process.LaunchSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the output pump copies what it reads, as the watcher's stream class says: nowhere, the node's
 * own standard output, or a file. Every process writing to the same file shares one
 * {@link RotatingFile}, as the processes of a circus watcher share its stream, so a rollover happens
 * once, not once per process.
 *
 * <p>Confined to the output pump's thread.
 */
final class OutputSinks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputSinks.class);

    /** Takes bytes; never throws. */
    interface Sink {
        void write(byte[] data, int offset, int length);
    }

    static final Sink DISCARD = (data, offset, length) -> { };
    static final Sink NODE_STDOUT = (data, offset, length) -> {
        System.out.write(data, offset, length);
        System.out.flush();
    };

    private final Map<Path, FileSink> files = new HashMap<>();

    Sink acquire(LaunchSpec.Output output, String watcher) {
        if (output instanceof LaunchSpec.Inherit) {
            return NODE_STDOUT;
        }
        if (!(output instanceof LaunchSpec.AppendTo to)) {
            return DISCARD;
        }
        Path key = to.file().toAbsolutePath().normalize();
        FileSink sink = files.get(key);
        if (sink == null) {
            sink = new FileSink(key, new RotatingFile(to), watcher);
            sink.open();
            files.put(key, sink);
        }
        sink.users++;
        return sink;
    }

    void release(Sink sink) {
        if (sink instanceof FileSink file && --file.users == 0) {
            files.remove(file.key);
            file.file.close();
        }
    }

    @Override
    public void close() {
        files.values().forEach(f -> f.file.close());
        files.clear();
    }

    /** One shared file; a failure to write is said once, and the output is still captured. */
    private static final class FileSink implements Sink {
        final Path key;
        final RotatingFile file;
        final String watcher;
        int users;
        boolean failing;

        FileSink(Path key, RotatingFile file, String watcher) {
            this.key = key;
            this.file = file;
            this.watcher = watcher;
        }

        void open() {
            try {
                file.open();
            } catch (IOException e) {
                fail(e);
            }
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            try {
                file.write(data, offset, length);
                if (failing) {
                    failing = false;
                    LOG.info("watcher {}: writing its output to {} works again", watcher, key);
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        private void fail(IOException e) {
            if (!failing) {
                failing = true;
                LOG.warn("watcher {}: cannot write its output to {} ({}); its lines are still kept and served, "
                        + "and writing is tried again with the next output; check the directory and its permissions",
                        watcher, key, e.toString());
            }
        }
    }
}
