package org.circusmeta.node.registry;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Optional;
import org.circusmeta.protocol.Endpoint;

/**
 * The addresses a node's record advertises: a bound endpoint as is, unless it is bound to every
 * interface, which nobody can connect to; then the advertised host (by default this host's first
 * non-loopback address) with the port actually bound.
 *
 * <p>Thread-safe (stateless).
 */
final class Advertised {
    private Advertised() {}

    static String endpoint(String bound, Optional<String> advertiseHost) {
        Endpoint e = Endpoint.parse(bound);
        return e.isWildcard() ? e.withHost(advertiseHost.orElseGet(Advertised::firstAddress)).toString() : e.toString();
    }

    /** Where this host reaches a bound endpoint: loopback for a bind on every interface. */
    static String local(String bound) {
        Endpoint e = Endpoint.parse(bound);
        return e.isWildcard() ? e.withHost("127.0.0.1").toString() : e.toString();
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return firstAddress();
        }
    }

    static String firstAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // no interface to ask: fall back to loopback
        }
        return "127.0.0.1";
    }
}
