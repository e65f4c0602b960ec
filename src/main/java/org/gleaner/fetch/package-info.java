/**
 * The one guarded HTTP component (DESIGN invariant 6): every outbound request of Gleaner (feeds, articles,
 * discovery, OPML, webhooks) goes through {@link org.gleaner.fetch.HttpFetcher}.
 *
 * <p>Enters: a {@link org.gleaner.fetch.FetchRequest} (URL, purpose, stored validators, {@link
 * org.gleaner.fetch.FetchLimits}) or a webhook POST, plus {@link org.gleaner.fetch.FetchSettings} and an {@link
 * java.time.InstantSource} at construction. Leaves: a sealed {@link org.gleaner.fetch.FetchOutcome} — {@code
 * Fetched} (decoded bytes, content type, final and permanent URL, validators, cache hints), {@code NotModified},
 * {@code RateLimited} or {@code Failed} with a {@link org.gleaner.fetch.Failure} and a sentence for the user. Outcomes
 * about one URL are values; only broken machinery throws.
 *
 * <p>Enforced on every hop: URL normalisation as browsers read hosts (so {@code http://2130706433/} is 127.0.0.1),
 * the {@link org.gleaner.fetch.AddressPolicy} on the address actually connected (a custom DnsResolver, so nothing can
 * change between check and connect), connect/response timeouts and a total deadline, a cap on decoded bytes and on
 * headers, at most N redirects followed by this package (loops and https→http refused), per-host politeness ({@link
 * org.gleaner.fetch.HostThrottle}) shared by all purposes, and robots.txt for article pages.
 *
 * <p>Must not know: feed formats, HTML, the store, the schedule. Apache HttpClient 5 and crawler-commons stay inside
 * this package; no type of theirs appears in a public signature.
 */
@NullMarked
package org.gleaner.fetch;

import org.jspecify.annotations.NullMarked;
