package dev.p2pshare.tracker.system;

import jakarta.servlet.http.HttpServletRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who is calling, for throttling: the connection's remote address. X-Forwarded-For is believed only when
 * Spring Boot is told the tracker sits behind a proxy ({@code server.forward-headers-strategy=native});
 * otherwise anyone could name any address. An IPv6 caller counts as its /64, since one host commonly
 * holds a whole /64 and could otherwise take a fresh address for every attempt.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (address == null || address.indexOf(':') < 0) return String.valueOf(address);
        try {
            InetAddress parsed = InetAddress.getByName(address); // a literal: no lookup happens
            if (!(parsed instanceof Inet6Address)) return parsed.getHostAddress();
            byte[] prefix = parsed.getAddress();
            for (int i = 8; i < prefix.length; i++) prefix[i] = 0;
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
