/**
 * The derived Lucene article index: tails the store's change log, upserts search documents, and records
 * the last applied sequence in the commit's user data so a restart resumes and a deleted index rebuilds.
 *
 * <p>Enters: a {@link org.gleaner.model.ChangeLog} and the {@link org.gleaner.model.SearchDocument}s it
 * returns. Leaves: near-real-time searchers, the schema ({@link org.gleaner.index.ArticleFields}, the
 * only place field names are spelled) and the analysis ({@link org.gleaner.index.Analyzers}) that the
 * search and alert packages must use so queries meet text the way it was indexed. Knows nothing of
 * queries, HTTP or SQL.
 */
@NullMarked
package org.gleaner.index;

import org.jspecify.annotations.NullMarked;
