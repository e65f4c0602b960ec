/**
 * Saved queries ("watches") that alert when new articles match them.
 *
 * <p>Enters: watches from the store, the store's change log of search documents, the clock, the HTTP
 * fetcher (webhooks) and SMTP settings (e-mail). Leaves: alert rows and outbox rows in the store,
 * Atom XML per watch, signed webhook POSTs, e-mail. Matching uses lucene-monitor with the article
 * index's own schema and analyzers ({@code index.ArticleFields}, {@code index.Analyzers}) and the
 * search query language, so a watch matches what the same search would. The query index in
 * {@code index/queries/} is derived from the database and rebuilt when missing. It must not know
 * SQL (the store does), HTTP clients (the fetcher does) or Rome (the feed package writes Atom).
 */
@NullMarked
package org.gleaner.alert;

import org.jspecify.annotations.NullMarked;
