package org.circusmeta.manager.logs;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.DataSizeUnit;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.function.Supplier;
import org.circusmeta.manager.nodes.NodeConnections;
import org.circusmeta.manager.registry.NodeDirectory;
import org.circusmeta.manager.resources.LogsResource;
import org.circusmeta.protocol.loop.SocketLoop;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The {@code circus.logs:} block: how many readers may follow logs at once, how much of their lines the
 * manager holds for each before it drops one that does not keep up, and where a real circusd writes the
 * output of the watchers the manager adds to it. Builds the logs side of the
 * manager: the nodes' logs clients, the tail, the follows, and {@code GET /api/logs}.
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class LogsFactory {
    static final String METRICS = "circusmeta.logs";

    /** Readers of {@code GET /api/logs?follow=true} at once (each holds a sender thread while it reads). */
    @Min(1)
    @Max(1_000)
    private int maxReaders = 32;

    /** The lines held for one reader that has not taken them yet: past it, the reader is dropped. */
    @NotNull
    @MinDataSize(value = 64, unit = DataSizeUnit.KIBIBYTES)
    @MaxDataSize(value = 256, unit = DataSizeUnit.MEBIBYTES)
    private DataSize readerBuffer = DataSize.mebibytes(2);

    /**
     * Where a real circusd writes the output of the watchers the manager adds to it (when the request names
     * no stream of its own), so that its agent can serve their logs; empty for nowhere (circus's default:
     * the output is discarded). On the circusd's host: a directory that does not exist there fails the add.
     */
    @NotNull
    private String fileDirectory = "/tmp";

    /** A file of {@link #fileDirectory} is rotated at this size (0: never). */
    @NotNull
    @MaxDataSize(value = 1, unit = DataSizeUnit.TEBIBYTES)
    private DataSize fileMaxBytes = DataSize.mebibytes(10);

    /** How many rotated files are kept. */
    @Min(0)
    @Max(1_000)
    private int fileBackups = 5;

    @JsonProperty
    public int getMaxReaders() {
        return maxReaders;
    }

    @JsonProperty
    public void setMaxReaders(int maxReaders) {
        this.maxReaders = maxReaders;
    }

    @JsonProperty
    public DataSize getReaderBuffer() {
        return readerBuffer;
    }

    @JsonProperty
    public void setReaderBuffer(DataSize readerBuffer) {
        this.readerBuffer = readerBuffer;
    }

    @JsonProperty
    public String getFileDirectory() {
        return fileDirectory;
    }

    @JsonProperty
    public void setFileDirectory(String fileDirectory) {
        this.fileDirectory = fileDirectory;
    }

    @JsonProperty
    public DataSize getFileMaxBytes() {
        return fileMaxBytes;
    }

    @JsonProperty
    public void setFileMaxBytes(DataSize fileMaxBytes) {
        this.fileMaxBytes = fileMaxBytes;
    }

    @JsonProperty
    public int getFileBackups() {
        return fileBackups;
    }

    @JsonProperty
    public void setFileBackups(int fileBackups) {
        this.fileBackups = fileBackups;
    }

    /** Where the watchers added to a real circusd write their output. */
    public OutputFiles outputFiles(Supplier<NodeDirectory> nodes) {
        return new OutputFiles(Optional.of(fileDirectory.strip()).filter(d -> !d.isEmpty()), fileMaxBytes.toBytes(),
                fileBackups, nodes);
    }

    /** The clients (managed), the follows (told of the connections, ended as the server stops) and the resource. */
    public void register(Environment environment, Supplier<NodeDirectory> directory, NodeConnections connections,
            SocketLoop loop, Duration timeout) {
        LogsClients clients = new LogsClients(loop);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                clients.close();
            }
        });
        LogFeeds feeds = new LogFeeds(directory, clients, environment.lifecycle().executorService("logs-follows-%d")
                .minThreads(1).maxThreads(1).build(), maxReaders, readerBuffer.toBytes());
        connections.addListener(feeds);
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle server) {
                feeds.close();
            }
        });
        MetricRegistry metrics = environment.metrics();
        metrics.register(MetricRegistry.name(METRICS, "readers"), (Gauge<Integer>) feeds::readers);
        metrics.register(MetricRegistry.name(METRICS, "dropped-readers"), (Gauge<Long>) feeds::dropped);
        metrics.register(MetricRegistry.name(METRICS, "buffered-bytes"), (Gauge<Long>) feeds::bufferedBytes);
        environment.jersey().register(new LogsResource(new ClusterLogs(directory, clients, timeout), feeds,
                environment.lifecycle().executorService("logs-reader-%d").minThreads(0).maxThreads(maxReaders)
                        .workQueue(new SynchronousQueue<>()).build()));
    }
}
