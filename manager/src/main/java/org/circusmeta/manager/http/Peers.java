package org.circusmeta.manager.http;

import jakarta.servlet.ServletRequest;

/** A client's address as the audit names a caller: {@code 127.0.0.1:53412}, {@code [::1]:53412}. Stateless. */
public final class Peers {
    private Peers() {}

    public static String of(ServletRequest request) {
        String address = request.getRemoteAddr();
        return (address != null && address.contains(":") ? "[" + address + "]" : address) + ":" + request.getRemotePort();
    }
}
