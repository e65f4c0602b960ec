package org.gleaner.fetch;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Where a redirect may lead: the Location resolved against the current URL, http(s) only, never https→http. */
final class Redirects {

    /** The redirect must not be followed; {@link #failure} says why. */
    static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        final Failure failure;

        RefusedException(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }
    }

    private Redirects() {}

    /** The normalised next URL of a redirect from {@code current} (already normalised). */
    static java.net.URI next(java.net.URI current, String location) throws RefusedException {
        String scheme = schemeOf(location);
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedException(
                    Failure.INSECURE_REDIRECT, "redirect to a " + scheme + " URL refused: " + location);
        }
        java.net.URI next;
        try {
            next = Urls.resolveHeader(current, location);
        } catch (Urls.BadUrlException e) {
            throw new RefusedException(Failure.BAD_URL, "redirect to a bad URL refused: " + e.getMessage());
        }
        if (current.getScheme().equals("https") && next.getScheme().equals("http")) {
            throw new RefusedException(Failure.INSECURE_REDIRECT, "redirect from https to http refused: " + next);
        }
        return next;
    }

    private static @Nullable String schemeOf(String location) {
        String l = location.strip();
        int colon = l.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scheme = l.substring(0, colon).toLowerCase(Locale.ROOT);
        return scheme.matches("[a-z][a-z0-9+.-]*") ? scheme : null;
    }
}
