package io.sheetsync.api;

import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * The address an API call came from, as the connection says (never a header the caller writes: X-Forwarded-For
 * would let a guesser pick a fresh address per try).
 */
final class ClientAddress {

    static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    static String of(Exchange exchange) {
        if (exchange.getMessage() instanceof HttpMessage http && http.getRequest() != null) {
            return host(http.getRequest().remoteAddress());
        }
        // a query parameter of that name would be text, never a socket address
        Object header = exchange.getMessage().getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS);
        return header instanceof SocketAddress address ? host(address) : UNKNOWN;
    }

    private static String host(SocketAddress address) {
        if (address == null) {
            return UNKNOWN;
        }
        return address.hostAddress() != null ? address.hostAddress() : String.valueOf(address.host());
    }
}
