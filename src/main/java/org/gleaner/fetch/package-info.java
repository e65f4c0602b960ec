/**
 * The one guarded HTTP component: every outbound request (feeds, articles, discovery, webhooks) goes through
 * {@code HttpFetcher}, which enforces deadlines, a cap on decoded bytes, the redirect limit and the address policy
 * on every hop. Outcomes about one URL are values ({@code FetchOutcome}); only broken machinery throws. Apache
 * HttpClient 5 stays inside this package.
 */
@NullMarked
package org.gleaner.fetch;

import org.jspecify.annotations.NullMarked;
