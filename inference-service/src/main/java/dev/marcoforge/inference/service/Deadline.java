package dev.marcoforge.inference.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** When the caller stops waiting; a request without one ({@code deadlineEpochMillis <= 0}) waits as long as needed. */
public record Deadline(Instant at, Clock clock) {

    public static Deadline of(long epochMillis, Clock clock) {
        return new Deadline(epochMillis > 0 ? Instant.ofEpochMilli(epochMillis) : null, clock);
    }

    public boolean passed() {
        return at != null && !clock.instant().isBefore(at);
    }

    /** Time left, or null without a deadline. */
    public Duration remaining() {
        return at == null ? null : Duration.between(clock.instant(), at);
    }

    /** The shorter of {@code limit} and the time left. */
    public Duration cap(Duration limit) {
        Duration left = remaining();
        return left == null || left.compareTo(limit) >= 0 ? limit : left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether {@link #cap} was the deadline rather than {@code limit}. */
    public boolean binds(Duration limit) {
        Duration left = remaining();
        return left != null && left.compareTo(limit) < 0;
    }
}
