/**
 * The store of record (SQLite, WAL): feeds and their fetch state, entries, articles and the change log.
 * All SQL lives here. A feed refresh is written in one transaction, validators together with the data.
 */
@NullMarked
package org.gleaner.store;

import org.jspecify.annotations.NullMarked;
