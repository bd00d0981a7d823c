package io.sheetsync.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who counts as a local caller: one connecting from a loopback address, not through a proxy. Behind a reverse proxy
 * on the same machine every caller arrives from loopback; the proxy's forwarding headers tell them apart.
 */
final class Callers {

    private Callers() {
    }

    /**
     * @param remoteHost the connection's peer address (an IP literal)
     * @param forwarded  whether the request carries Forwarded or X-Forwarded-For
     */
    static boolean isLocal(String remoteHost, boolean forwarded) {
        if (forwarded || remoteHost == null || remoteHost.isBlank()) {
            return false;
        }
        String literal = remoteHost.startsWith("[") && remoteHost.endsWith("]")
                ? remoteHost.substring(1, remoteHost.length() - 1) : remoteHost;
        if (!literal.matches("[0-9a-fA-F:.%A-Za-z]+") || !(literal.contains(".") || literal.contains(":"))) {
            return false; // only IP literals: a name would need a DNS lookup, and could lie
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
