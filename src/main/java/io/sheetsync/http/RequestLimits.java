package io.sheetsync.http;

import java.util.Locale;
import java.util.Optional;

/**
 * What the service refuses before reading a request: a body declared larger than SYNC_HTTP_MAX_BODY_BYTES (413),
 * and multipart uploads (415), which no endpoint takes. A chunked body without a length is cut off at the same
 * limit by the HTTP server's body handler ({@code camel.server.max-body-size}), also with 413. The request line
 * (path and query, 4 KiB) and the headers (8 KiB) are bounded by the Vert.x server (414, 431).
 */
record RequestLimits(long maxBodyBytes) {

    /** Why a request is refused, as the answer says it. */
    record Refusal(int status, String code, String message) {
    }

    Optional<Refusal> check(String contentLength, String contentType) {
        if (contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.of(new Refusal(415, "unsupported_media_type", "multipart uploads are not accepted"));
        }
        if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                return Optional.of(new Refusal(400, "invalid_request", "Content-Length is not a number"));
            }
            if (length > maxBodyBytes) {
                return Optional.of(tooLarge());
            }
        }
        return Optional.empty();
    }

    Refusal tooLarge() {
        return new Refusal(413, "payload_too_large", "request bodies are limited to " + maxBodyBytes + " bytes");
    }
}
