package org.circusmeta.protocol;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A ZeroMQ endpoint as circus writes it: {@code tcp://HOST:PORT} or {@code ipc://PATH}. Port 0 means
 * "any free port" when binding. {@code 0.0.0.0} and {@code *} are wildcard binds, which a registry
 * record must not advertise as such (docs/registry.md, "Endpoints: what is advertised").
 *
 * <p>Immutable and thread-safe.
 *
 * @param scheme {@code tcp} or {@code ipc}
 * @param host the host of a tcp endpoint, without brackets for IPv6; "" for ipc
 * @param port the port of a tcp endpoint; 0 for ipc
 * @param path the path of an ipc endpoint; "" for tcp
 */
public record Endpoint(String scheme, String host, int port, String path) {

    /** @throws IllegalArgumentException for another scheme, a port outside 0-65535, or a missing host or path */
    public Endpoint {
        if (!"tcp".equals(scheme) && !"ipc".equals(scheme)) {
            throw new IllegalArgumentException("unsupported endpoint scheme '" + scheme + "': use tcp:// or ipc://");
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        if (scheme.equals("tcp") && (host.isEmpty() || port < 0 || port > 65535)) {
            throw new IllegalArgumentException("tcp://" + host + ":" + port + " needs a host and a port in 0-65535");
        }
    }

    /** {@code tcp://HOST:PORT}. */
    public static Endpoint tcp(String host, int port) {
        return new Endpoint("tcp", host, port, "");
    }

    /**
     * @throws IllegalArgumentException saying what is wrong and what form is expected
     */
    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an endpoint is required, e.g. tcp://127.0.0.1:5555");
        }
        String t = text.strip();
        int sep = t.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not an endpoint: write tcp://HOST:PORT or ipc://PATH");
        }
        String scheme = t.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = t.substring(sep + 3);
        if (scheme.equals("ipc")) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' has no path: write ipc:///path/to/socket");
            }
            return new Endpoint("ipc", "", 0, rest);
        }
        if (!scheme.equals("tcp")) {
            throw new IllegalArgumentException("'" + text + "' uses " + scheme + "://, but circus endpoints are tcp:// or ipc://");
        }
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' needs a host and a port: tcp://HOST:PORT");
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has a port that is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "' has port " + port + ", outside 0-65535");
        }
        return tcp(host, port);
    }

    /** True for {@code tcp://}. */
    public boolean isTcp() {
        return scheme.equals("tcp");
    }

    /** A bind on every interface ({@code 0.0.0.0}, {@code *}, {@code ::}). */
    public boolean isWildcard() {
        return isTcp() && (host.equals("0.0.0.0") || host.equals("*") || host.equals("::"));
    }

    /** The port of a tcp endpoint. */
    public OptionalInt tcpPort() {
        return isTcp() ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** The same port on another host (an ipc endpoint is returned unchanged). */
    public Endpoint withHost(String newHost) {
        return isTcp() ? tcp(newHost, port) : this;
    }

    /** The same host on another port (an ipc endpoint is returned unchanged). */
    public Endpoint withPort(int newPort) {
        return isTcp() ? tcp(host, newPort) : this;
    }

    /** The address to hand ZeroMQ's bind: port 0 becomes {@code *}, ZeroMQ's "any free port". */
    public String bindAddress() {
        if (isTcp() && port == 0) {
            return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":*";
        }
        return toString();
    }

    @Override
    public String toString() {
        if (!isTcp()) {
            return "ipc://" + path;
        }
        return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
