package io.sheetsync.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing: after {@link #FREE_FAILURES} failed authentications in a row from one address, that address
 * is refused (429) without its token being looked at, for a wait that doubles with each further failure, up to
 * {@link #MAX_WAIT}. A success clears its count. Only presented tokens count: a call without one guesses nothing.
 */
public final class AuthThrottle {

    /** Failures in a row that cost nothing (a mistyped token, a rotated one). */
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    /** Addresses remembered at most, the least recently seen forgotten first, so memory stays bounded. */
    static final int MAX_CLIENTS = 10_000;

    private record Client(int failures, Instant blockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Client> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Client> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public AuthThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the address must still wait before a token of its is looked at; empty when it may try now. */
    public synchronized Optional<Duration> waitFor(String address) {
        Client client = clients.get(address);
        if (client == null || client.blockedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), client.blockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Records a failed authentication from the address; returns how many failed in a row. */
    public synchronized int failed(String address) {
        Client before = clients.get(address);
        int failures = before == null ? 1 : before.failures() + 1;
        Instant blockedUntil = failures < FREE_FAILURES ? null : clock.instant().plus(waitAfter(failures));
        clients.put(address, new Client(failures, blockedUntil));
        return failures;
    }

    /** A valid token from the address: its failures are forgiven. */
    public synchronized void succeeded(String address) {
        clients.remove(address);
    }

    /** The wait after the n-th failure in a row: none before {@link #FREE_FAILURES}, then 1 s, 2 s, 4 s ... 60 s. */
    static Duration waitAfter(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE_FAILURES, 16);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }
}
