/**
 * The query language and searching of the article index: ranking, highlighted snippets, results.
 */
@NullMarked
package org.gleaner.search;

import org.jspecify.annotations.NullMarked;
