/**
 * The derived Lucene article index: tails the store's change log, upserts search documents, and records
 * the last applied sequence in the commit's user data so a restart resumes and a deleted index rebuilds.
 * {@code ArticleFields} is the only place field names are spelled.
 */
@NullMarked
package org.gleaner.index;

import org.jspecify.annotations.NullMarked;
