package org.gleaner.store;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One place a watch's alerts are pushed to (the Atom feed needs no channel: it is read on demand).
 *
 * @param target the URL for webhooks, the address for e-mail
 * @param secret the {@code whsec_…} signing secret of a webhook, null for e-mail
 * @param disabledReason why delivery stopped (the endpoint answered 410 Gone), null while enabled
 */
public record WatchChannel(
        long id, long watchId, Kind kind, String target, @Nullable String secret, @Nullable String disabledReason) {

    /** A generic JSON webhook, a Slack/Mattermost-compatible text webhook, or e-mail. */
    public enum Kind {
        WEBHOOK,
        SLACK,
        EMAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> parse(String value) {
            for (Kind kind : values()) {
                if (kind.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** A channel to create: the store assigns the id. */
    public record Spec(Kind kind, String target, @Nullable String secret) {}

    public Spec spec() {
        return new Spec(kind, target, secret);
    }
}
