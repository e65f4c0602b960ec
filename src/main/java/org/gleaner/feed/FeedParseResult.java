package org.gleaner.feed;

/** What {@link FeedParser#parse} returns: a parsed feed, or the reason there is none. Never an exception. */
public sealed interface FeedParseResult permits ParsedFeed, FeedParseFailure {}
