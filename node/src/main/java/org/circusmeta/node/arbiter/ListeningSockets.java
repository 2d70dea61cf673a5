package org.circusmeta.node.arbiter;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.circusmeta.node.config.SocketSpec;
import org.circusmeta.protocol.CircusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@code [socket:NAME]} sockets, bound and listening as circusd binds them, and listed by
 * {@code listsockets}. Nothing reads from them: handing them to children needs native code the JVM
 * node does not have. Their file descriptor numbers come from {@code /proc/self/fd}.
 *
 * <p>Confined to the node's loop thread.
 */
public final class ListeningSockets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListeningSockets.class);

    /** One bound socket, as {@code listsockets} reports it. */
    public record Bound(SocketSpec spec, int fd, int port, ServerSocketChannel channel) {}

    private final Map<String, Bound> bound = new LinkedHashMap<>();

    /** Binds the sockets not bound yet and closes those no longer configured or changed. */
    public void sync(List<SocketSpec> specs) {
        Map<String, SocketSpec> wanted = new LinkedHashMap<>();
        specs.forEach(s -> wanted.put(s.name(), s));
        for (String name : new ArrayList<>(bound.keySet())) {
            if (!bound.get(name).spec().equals(wanted.get(name))) {
                closeQuietly(bound.remove(name));
            }
        }
        wanted.forEach((name, spec) -> {
            if (!bound.containsKey(name)) {
                bound.put(name, bind(spec));
            }
        });
    }

    /** Sorted by file descriptor, as circusd sorts them. */
    public List<Bound> list() {
        return bound.values().stream().sorted(Comparator.comparingInt(Bound::fd)).toList();
    }

    @Override
    public void close() {
        bound.values().forEach(ListeningSockets::closeQuietly);
        bound.clear();
    }

    private static Bound bind(SocketSpec spec) {
        try {
            ServerSocketChannel channel;
            int port = 0;
            if (spec.path().isPresent()) {
                Path path = Path.of(spec.path().get());
                Files.deleteIfExists(path);
                channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                channel.bind(UnixDomainSocketAddress.of(path), spec.backlog());
            } else {
                InetSocketAddress address = new InetSocketAddress(spec.host(), spec.port());
                channel = ServerSocketChannel.open(address.getAddress() instanceof Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                channel.bind(address, spec.backlog());
                port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            }
            return new Bound(spec, SocketFds.find(channel, port, spec.path()).orElse(-1), port, channel);
        } catch (IOException | RuntimeException e) {
            throw new CircusException("could not bind [socket:" + spec.name() + "] at "
                    + spec.path().orElse(spec.host() + ":" + spec.port()) + ": " + e.getMessage()
                    + "; is another process using that address?", e);
        }
    }

    private static void closeQuietly(Bound b) {
        try {
            b.channel().close();
            if (b.spec().path().isPresent()) {
                Files.deleteIfExists(Path.of(b.spec().path().get()));
            }
        } catch (IOException e) {
            LOG.debug("closing socket {} failed", b.spec().name(), e);
        }
    }
}
