package org.gleaner.feed;

/**
 * Every budget of the parsers in one table, each with its reason. A document over a budget is refused as
 * {@link FeedParseFailure.Kind#TOO_COMPLEX} (or {@code UNSAFE} for entity tricks) before it costs more.
 */
final class ParseLimits {
    /** Twice the fetcher's default 16 MiB feed cap: only hand-fed local files or attacks get near it. */
    static final int MAX_INPUT_BYTES = 32 * 1024 * 1024;

    /** Characters after repair; entity substitution must not grow a document past what a big feed is. */
    static final int MAX_CHARS = 32 * 1024 * 1024;

    /** Real feeds nest under 40 levels even with XHTML content; deep-nesting attacks go to thousands. */
    static final int MAX_DEPTH = 256;

    /** A 16 MiB feed of short items has about 400,000 elements; ten times a big feed's count is an attack. */
    static final int MAX_ELEMENTS = 1_000_000;

    /** Attributes on one element; HTML in feeds uses a handful, attribute floods are an attack. */
    static final int MAX_ATTRIBUTES = 512;

    /** Internal-subset entities we substitute ourselves (old feeds declare a few, such as nbsp). */
    static final int MAX_DECLARED_ENTITIES = 64;

    /** Length of one declared entity's value; longer values are a quadratic-blowup attack. */
    static final int MAX_ENTITY_VALUE_CHARS = 1024;

    /** JSON nesting depth; JSON Feed needs 4, Jackson's default of 1000 is far more than any feed. */
    static final int MAX_JSON_DEPTH = 64;

    /** OPML files: a subscription list of 10,000 feeds is about 2 MiB. */
    static final int MAX_OPML_BYTES = 8 * 1024 * 1024;

    /** Outlines in one OPML file (folders included). */
    static final int MAX_OPML_OUTLINES = 50_000;

    private ParseLimits() {}
}
