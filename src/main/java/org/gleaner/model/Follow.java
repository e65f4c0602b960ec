package org.gleaner.model;

/** Which link an entry is followed through to the source article ({@code follow:} in feeds.yaml). */
public enum Follow {
    /** The entry's "Continue reading" link, else the entry link when the entry is only an excerpt. */
    CONTINUE_LINK("continue-link"),
    /** Always the entry's own link. */
    ENTRY_LINK("entry-link"),
    /** No link: the feed's own text only. */
    NONE("none");

    private final String label;

    Follow(String label) {
        this.label = label;
    }

    /** The spelling in {@code feeds.yaml}. */
    public String label() {
        return label;
    }
}
