package org.circusmeta.registration.record;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.circusmeta.protocol.Endpoint;

/**
 * What a registering node needs to know of its host: its name (for the record and the default node
 * name) and the address to advertise in place of a wildcard bind; and the two rewritings of a bound
 * endpoint, as a manager elsewhere reaches it and as this host reaches it. Shared by
 * {@code circusmeta-register} and {@code circusmeta-node}.
 *
 * <p>Immutable.
 *
 * @param hostName as the host calls itself, e.g. {@code web-01.example.org}
 * @param firstAddress the first non-loopback address: IPv4 before IPv6, link-local addresses last
 */
public record HostInfo(String hostName, String firstAddress) {

    /** This host, asked once (it lists the network interfaces: keep the result). */
    public static HostInfo local() {
        return new HostInfo(localHostName(), firstNonLoopbackAddress().orElse("127.0.0.1"));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }

    /** The endpoint as a manager elsewhere reaches it: a wildcard host becomes the advertised one. */
    public static String advertised(String endpoint, String advertiseHost) {
        Endpoint e = Endpoint.parse(endpoint);
        return (e.isWildcard() ? e.withHost(advertiseHost) : e).toString();
    }

    /** The endpoint as this host reaches it (for the health check): a wildcard host becomes loopback. */
    public static String local(String endpoint) {
        Endpoint e = Endpoint.parse(endpoint);
        return (e.isWildcard() ? e.withHost(e.host().equals("::") ? "::1" : "127.0.0.1") : e).toString();
    }

    static Optional<String> firstNonLoopbackAddress() {
        List<InetAddress> candidates = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    candidates.addAll(Collections.list(nic.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return candidates.stream()
                .filter(a -> !a.isLoopbackAddress() && !a.isAnyLocalAddress())
                .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                .map(InetAddress::getHostAddress)
                .map(HostInfo::withoutScope)
                .findFirst();
    }

    private static int rank(InetAddress a) {
        return (a.isLinkLocalAddress() ? 2 : 0) + (a instanceof Inet4Address ? 0 : 1);
    }

    private static String withoutScope(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? address : address.substring(0, percent);
    }
}
