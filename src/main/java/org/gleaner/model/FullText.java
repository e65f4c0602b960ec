package org.gleaner.model;

import java.util.Locale;
import java.util.Optional;

/** Whether a feed's entries are followed to the source article. */
public enum FullText {
    /** Follow a "Continue reading" link, or the entry link when the entry is only a short excerpt. */
    AUTO,
    /** Always fetch the article behind the entry (continue link first, else the entry link). */
    ALWAYS,
    /** Keep the feed's own text only. */
    NEVER;

    public static Optional<FullText> parse(String value) {
        for (FullText mode : values()) {
            if (mode.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
