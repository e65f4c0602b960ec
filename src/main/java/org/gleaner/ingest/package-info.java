/**
 * One feed end to end: fetch, parse, follow to the source article, extract, and store in one transaction.
 * Returns a {@code RefreshReport}; a bad feed or page is a value in that report, never an exception.
 */
@NullMarked
package org.gleaner.ingest;

import org.jspecify.annotations.NullMarked;
