/**
 * Feed documents in, records out; records in, Atom out. Pure: no network, no clock, no files, no database.
 *
 * <p><b>Enters:</b> the bytes of a response body, its Content-Type (one piece of encoding evidence) and the
 * URL it was fetched from (after redirects) — {@link org.gleaner.feed.FeedParser#parse}; OPML bytes —
 * {@link org.gleaner.feed.Opml#parse}; records to write — {@link org.gleaner.feed.FeedWriter},
 * {@link org.gleaner.feed.Opml#write}.
 *
 * <p><b>Leaves:</b> {@link org.gleaner.feed.ParsedFeed} / {@link org.gleaner.feed.FeedParseFailure} (a value,
 * never an exception, for any input), {@link org.gleaner.feed.OpmlDocument}, the {@code gleaner inspect} JSON
 * ({@link org.gleaner.feed.FeedJson}), Atom and OPML text. Every link that leaves is absolute; entry HTML
 * is passed on unsanitized (sanitizing for display belongs to {@code extract}). Values are what the document
 * says: an element it leaves empty is "" where one it lacks is null, and an entry id that cannot key stored
 * entries (a JSON Feed {@code "id": null} coerced to "null") says so ({@code ParsedEntry#idIsKey}).
 *
 * <p><b>How:</b> {@code ByteDecoder} chooses the encoding from BOM, byte patterns (UTF-16/32, EBCDIC), UTF-8
 * validity and the labels (with the label spellings the JDK lacks), and repairs Windows-1252 bytes and
 * double-encoded UTF-8; {@code XmlRepair} removes the DOCTYPE
 * (refusing external, parameter and nested entities as UNSAFE), turns HTML entities into character
 * references and fixes stray ampersands; {@code XmlReaders} parses with the hardened JDK SAX parser and, for
 * documents that are not well-formed (truncated, mismatched tags, raw HTML), with {@code LenientScanner};
 * {@code XmlFeedMapper} maps RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 with their extensions, {@code
 * JsonFeedMapper} JSON Feed 1.0/1.1 (Jackson); {@code FeedDates} reads dates. Budgets are in {@code
 * ParseLimits}.
 *
 * <p><b>Rome</b> (DESIGN §3) is used for writing Atom only. Parsing does not go through Rome: on this
 * package's fixtures plain Rome 2.1 rejects 10 of 24 XML documents outright (undeclared prefixes, truncation,
 * raw HTML, UTF-32, leading junk, control characters, empty {@code <rss/>}) and misreads several more
 * (double-encoded UTF-8, BOM against declaration, relative links, xml:base), and its tree holds no raw date
 * strings to re-read. Rome stays confined to this package either way.
 *
 * <p><b>Must not know:</b> HTTP, storage, indexing, or anything about the entries' articles.
 */
@NullMarked
package org.gleaner.feed;

import org.jspecify.annotations.NullMarked;
