/**
 * Plain records shared by the pipeline stages: what a feed is, what an entry and an article are, what
 * the search index receives, and the change log contract between the store and its consumers.
 *
 * <p>Nothing here knows a library, a database or the network; every other package may use it.
 */
@NullMarked
package org.gleaner.model;

import org.jspecify.annotations.NullMarked;
