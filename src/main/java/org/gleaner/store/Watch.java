package org.gleaner.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A saved query ("watch") as stored.
 *
 * @param query the query in the search query language
 * @param feedToken the secret the Atom feed URL must carry, null when the feed is public
 * @param version bumped on every edit; the query index keeps the version it registered
 * @param error why the query cannot run (recorded on the watch, never thrown at other watches)
 */
public record Watch(
        long id,
        String name,
        String query,
        Pace pace,
        boolean paused,
        @Nullable String feedToken,
        int version,
        @Nullable String error,
        Instant created,
        Instant updated,
        List<WatchChannel> channels) {
    public Watch {
        channels = List.copyOf(channels);
    }

    /** How often alerts are sent: one message per alert, or one digest per watch per hour or day. */
    public enum Pace {
        IMMEDIATE,
        HOURLY,
        DAILY;

        public static Optional<Pace> parse(String value) {
            for (Pace pace : values()) {
                if (pace.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(pace);
                }
            }
            return Optional.empty();
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** When an alert matched at {@code matched} is due: at once, or at the end of its UTC hour or day. */
        public Instant dueAt(Instant matched) {
            return switch (this) {
                case IMMEDIATE -> matched;
                case HOURLY -> matched.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
                case DAILY ->
                    matched.atZone(ZoneOffset.UTC)
                            .toLocalDate()
                            .plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
            };
        }
    }
}
